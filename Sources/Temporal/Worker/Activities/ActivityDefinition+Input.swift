extension ActivityDefinition {
    /// The input of one attempt. A dynamic activity whose input is `[TemporalRawValue]` gets every
    /// argument payload undecoded, one raw value each (it serves activity types it does not know,
    /// whatever their arguments); any other activity decodes its single argument.
    static func input(from arguments: [Api.Common.V1.Payload], converter: any PayloadConverter) throws -> Input {
        if isDynamic, let raw = arguments.map(TemporalRawValue.init) as? Input { return raw }
        return try converter.value(from: arguments, as: Input.self)
    }
}
