import SwiftProtobuf
import TernAPI

extension NamespaceFailoverStatus {
    init(proto: Api.Replication.V1.FailoverStatus) {
        self.init(
            failoverTime: proto.hasFailoverTime ? proto.failoverTime.date : nil,
            failoverVersion: Int(proto.failoverVersion))
    }
}
