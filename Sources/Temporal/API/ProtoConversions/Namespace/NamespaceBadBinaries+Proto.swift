import SwiftProtobuf
import TernAPI

extension NamespaceBadBinaries {
    init(proto: Api.Namespace.V1.BadBinaries) {
        self.init(binaries: proto.binaries.mapValues(Info.init(proto:)))
    }
}

extension NamespaceBadBinaries.Info {
    /// Empty strings and an unset time read as absent.
    init(proto: Api.Namespace.V1.BadBinaryInfo) {
        self.init(
            reason: proto.reason.isEmpty ? nil : proto.reason,
            operator: proto.operator.isEmpty ? nil : proto.operator,
            createdAt: proto.hasCreateTime ? proto.createTime.date : nil)
    }
}

extension Api.Namespace.V1.BadBinaries {
    init(_ badBinaries: NamespaceBadBinaries) {
        self.init()
        binaries = badBinaries.binaries.mapValues(Api.Namespace.V1.BadBinaryInfo.init)
    }
}

extension Api.Namespace.V1.BadBinaryInfo {
    init(_ info: NamespaceBadBinaries.Info) {
        self.init()
        reason = info.reason ?? ""
        `operator` = info.operator ?? ""
        if let createdAt = info.createdAt { createTime = Google_Protobuf_Timestamp(date: createdAt) }
    }
}
