#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Whether a TCP connection to `host:port` (IPv4) is accepted: the plainest proof that something
/// listens there, independent of gRPC's reconnect logic.
func acceptsConnections(host: String, port: Int) -> Bool {
    let fd = openConnection(host: host, port: port)
    closeConnection(fd)
    return fd >= 0
}

/// A TCP connection to `host:port` (IPv4) left open until ``closeConnection(_:)``; -1 if refused.
func openConnection(host: String, port: Int) -> Int32 {
    #if canImport(Glibc)
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    #else
    let fd = socket(AF_INET, SOCK_STREAM, 0)
    #endif
    guard fd >= 0 else { return -1 }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = in_port_t(UInt16(port).bigEndian)
    guard inet_pton(AF_INET, host, &address.sin_addr) == 1 else {
        close(fd)
        return -1
    }
    let result = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
            connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
        }
    }
    guard result == 0 else {
        close(fd)
        return -1
    }
    return fd
}

func closeConnection(_ fd: Int32) {
    if fd >= 0 { close(fd) }
}
