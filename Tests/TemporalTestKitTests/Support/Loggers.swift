import Logging

/// The tests' clients and workers log warnings and errors only.
let quietLogger: Logger = {
    var logger = Logger(label: "TemporalTestKitTests")
    logger.logLevel = .warning
    return logger
}()
