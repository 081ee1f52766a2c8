import Foundation

/// Evaluates a parsed query against one record held in memory (a listing with no table behind
/// it, such as the worker registry). A missing field is NULL: it only matches IS NULL.
extension VisibilityQuery.Filter {
    public func matches(_ record: [String: VisibilityQuery.Value]) -> Bool {
        matches(record.mapValues { [$0] })
    }

    /// The same for records whose fields may hold several values (KeywordList attributes): as in
    /// Temporal, `=`, `IN` and the others hold when one value does, `!=` when none is equal.
    public func matches(_ record: [String: [VisibilityQuery.Value]]) -> Bool {
        func values(_ attribute: VisibilityQuery.Attribute) -> [VisibilityQuery.Value] { record[attribute.name] ?? [] }
        switch self {
        case .and(let a, let b): return a.matches(record) && b.matches(record)
        case .or(let a, let b): return a.matches(record) || b.matches(record)
        case .not(let a): return !a.matches(record)
        case .compare(let attribute, let op, let value):
            let fields = values(attribute)
            if op == .notEqual {
                return !fields.isEmpty && fields.allSatisfy { Self.order($0, value).map { $0 != .orderedSame } ?? false }
            }
            return fields.contains { field in
                guard let order = Self.order(field, value) else { return false }
                switch op {
                case .equal: return order == .orderedSame
                case .notEqual: return order != .orderedSame
                case .greater: return order == .orderedDescending
                case .greaterOrEqual: return order != .orderedAscending
                case .less: return order == .orderedAscending
                case .lessOrEqual: return order != .orderedDescending
                }
            }
        case .in(let attribute, let candidates, let negated):
            let fields = values(attribute)
            guard !fields.isEmpty else { return false }
            return fields.contains { field in candidates.contains { Self.order(field, $0) == .orderedSame } } != negated
        case .between(let attribute, let low, let high, let negated):
            let fields = values(attribute)
            guard !fields.isEmpty else { return false }
            return fields.contains { field in
                guard let above = Self.order(field, low), let below = Self.order(field, high) else { return false }
                return above != .orderedAscending && below != .orderedDescending
            } != negated
        case .startsWith(let attribute, let prefix, let negated):
            let texts = values(attribute).compactMap { if case .string(let t) = $0 { t } else { nil } }
            guard !texts.isEmpty else { return false }
            return texts.contains { $0.hasPrefix(prefix) } != negated
        case .contains(let attribute, let part, let negated):
            let texts = values(attribute).compactMap { if case .string(let t) = $0 { t } else { nil } }
            guard !texts.isEmpty else { return false }
            return texts.contains { $0.contains(part) } != negated
        case .isNull(let attribute, let negated):
            return values(attribute).isEmpty != negated
        }
    }

    private static func order(_ a: VisibilityQuery.Value, _ b: VisibilityQuery.Value) -> ComparisonResult? {
        func compare<T: Comparable>(_ x: T, _ y: T) -> ComparisonResult {
            x < y ? .orderedAscending : x > y ? .orderedDescending : .orderedSame
        }
        switch (a, b) {
        case (.int(let x), .int(let y)), (.datetime(let x), .datetime(let y)): return compare(x, y)
        case (.double(let x), .double(let y)): return compare(x, y)
        case (.int(let x), .double(let y)): return compare(Double(x), y)
        case (.double(let x), .int(let y)): return compare(x, Double(y))
        case (.string(let x), .string(let y)): return compare(x, y)
        case (.bool(let x), .bool(let y)): return x == y ? .orderedSame : (x ? .orderedDescending : .orderedAscending)
        default: return nil
        }
    }
}

extension VisibilityQuery {
    /// The same query with attributes renamed (another listing's names for the same columns).
    public func renaming(_ names: [String: String]) -> VisibilityQuery {
        func rename(_ a: Attribute) -> Attribute {
            guard let name = names[a.name] else { return a }
            return Attribute(name: name, type: a.type, isSystem: true)
        }
        func rename(_ f: Filter) -> Filter {
            switch f {
            case .and(let a, let b): .and(rename(a), rename(b))
            case .or(let a, let b): .or(rename(a), rename(b))
            case .not(let a): .not(rename(a))
            case .compare(let a, let op, let v): .compare(rename(a), op, v)
            case .in(let a, let vs, let negated): .in(rename(a), vs, negated: negated)
            case .between(let a, let lo, let hi, let negated): .between(rename(a), lo, hi, negated: negated)
            case .startsWith(let a, let s, let negated): .startsWith(rename(a), s, negated: negated)
            case .contains(let a, let s, let negated): .contains(rename(a), s, negated: negated)
            case .isNull(let a, let negated): .isNull(rename(a), negated: negated)
            }
        }
        return VisibilityQuery(
            filter: filter.map(rename),
            orderBy: orderBy.map { OrderTerm(attribute: rename($0.attribute), descending: $0.descending) },
            groupBy: groupBy.map { names[$0] ?? $0 })
    }
}
