import GRPCCore
import GRPCProtobuf
import TernCore
import TernStore

extension TernError.Code {
    var rpcCode: RPCError.Code {
        switch self {
        case .invalidArgument: .invalidArgument
        case .notFound: .notFound
        case .alreadyExists: .alreadyExists
        case .failedPrecondition: .failedPrecondition
        case .resourceExhausted: .resourceExhausted
        case .permissionDenied: .permissionDenied
        case .deadlineExceeded: .deadlineExceeded
        case .canceled: .cancelled
        case .unavailable: .unavailable
        case .unimplemented: .unimplemented
        case .internalError: .internalError
        }
    }
}

extension RPCError {
    /// The status a client sees for `error`: Tern's own errors keep their code, message and
    /// Temporal error details; anything else is a server fault and says so.
    init(statusFor error: any Error) {
        switch error {
        case let error as TernError:
            let status = GoogleRPCStatus(
                code: error.code.rpcCode, message: error.message, details: error.details.map { .any($0) })
            self.init(status)
        case let error as RPCError:
            self = error
        case let error as any RPCErrorConvertible:
            self.init(error)
        case StoreError.conditionFailed:
            self.init(code: .unavailable, message: "The record changed while this request ran; retry it.")
        case StoreError.unavailable(let reason):
            self.init(code: .unavailable, message: "The database is unavailable, nothing was changed; retry once it is back. \(reason)")
        case StoreError.unknownOutcome(let reason):
            self.init(
                code: .unavailable,
                message: "The database connection was lost while committing; the change may or may not have been stored. "
                    + "Check the workflow's state (describe or history) before retrying. \(reason)")
        default:
            self.init(code: .internalError, message: "Internal error: \(error)")
        }
    }
}
