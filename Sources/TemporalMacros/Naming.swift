import SwiftSyntax

extension TokenSyntax {
    /// The identifier without backticks (`` `continue` `` → `continue`).
    var bareName: String {
        let text = trimmed.text
        if text.count >= 2, text.hasPrefix("`"), text.hasSuffix("`") {
            return String(text.dropFirst().dropLast())
        }
        return text
    }
}

extension String {
    /// The name of the definition type generated for a member: its first letter upper-cased
    /// (`setPriority` → `SetPriority`, `_reset` → `_Reset`).
    var definitionTypeName: String {
        guard let index = firstIndex(where: \.isLetter) else { return self }
        return self[..<index] + self[index].uppercased() + self[self.index(after: index)...]
    }

    /// Swift source for a string literal holding this text.
    var quotedLiteral: String {
        var escaped = ""
        for character in self {
            switch character {
            case "\\": escaped += "\\\\"
            case "\"": escaped += "\\\""
            case "\n": escaped += "\\n"
            default: escaped.append(character)
            }
        }
        return "\"\(escaped)\""
    }
}
