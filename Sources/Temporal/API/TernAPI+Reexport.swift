// `Api` (Api+Namespaces.swift) names the wire types through typealiases, but their fields, enum
// cases and methods are declared in TernAPI. Re-exporting it keeps them visible to code that
// imports only `Temporal`, also under the MemberImportVisibility upcoming feature.
@_exported public import TernAPI
