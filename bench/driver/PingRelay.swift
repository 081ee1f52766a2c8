import Foundation
import NIOCore
import NIOPosix

/// A loopback TCP relay between the driver's gRPC connections and the server that answers the
/// server's HTTP/2 PINGs itself instead of passing them on.
///
/// Why: grpc-go servers (Temporal) send a BDP-estimation PING roughly once per round trip while
/// requests flow. swift-nio-http2, under grpc-swift-nio-transport, treats more than 200 inbound
/// control frames in 30 s as a denial-of-service attack and closes the connection with
/// ENHANCE_YOUR_CALM, failing every call in flight — and the transport offers no setting to
/// raise that limit. With the relay in between, the client never sees a PING, the server still
/// gets its PING ACK, and all other bytes pass through unchanged. The driver routes every server
/// through the relay so both pay the same (small) cost.
enum PingRelay {
    /// Starts listening on 127.0.0.1 at an ephemeral port, relaying to `host:port`.
    /// Returns the port to connect to; the relay lives as long as the process.
    static func start(to host: String, port: Int) async throws -> Int {
        let group = MultiThreadedEventLoopGroup.singleton
        let listener = try await ServerBootstrap(group: group)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelOption(.autoRead, value: false)
            .childChannelInitializer { driverSide in
                ClientBootstrap(group: driverSide.eventLoop)
                    .channelOption(.socketOption(.tcp_nodelay), value: 1)
                    .connect(host: host, port: port)
                    .flatMapThrowing { serverSide in
                        try serverSide.pipeline.syncOperations.addHandler(
                            ServerToDriver(driver: driverSide))
                        return serverSide
                    }
                    .flatMapThrowing { serverSide in
                        try driverSide.pipeline.syncOperations.addHandler(Forward(to: serverSide))
                        driverSide.read()
                    }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        guard let local = listener.localAddress?.port else { throw RelayError.noPort }
        return local
    }

    enum RelayError: Error { case noPort }
}

/// Reports a GOAWAY frame with an error on stderr: which side ended the connection, and why.
private func reportGoAway(from side: String, _ frame: ByteBuffer) {
    let start = frame.readerIndex + 9
    let code = frame.getInteger(at: start + 4, as: UInt32.self) ?? 0
    guard code != 0 else { return }  // NO_ERROR: an ordinary shutdown
    let debug = frame.getString(at: start + 8, length: max(0, frame.readableBytes - 17)) ?? ""
    FileHandle.standardError.write(Data("relay: \(side) sent GOAWAY, error code \(code) \(debug)\n".utf8))
}

/// Driver → server: bytes pass through unchanged, but only whole frames at a time, so that a
/// PING ACK the relay writes to the server (`ServerToDriver`) always lands between two frames
/// rather than inside one that arrived in pieces.
private final class Forward: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    let peer: Channel
    private var prefaceLeft = 24  // "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"
    private var pending = ByteBuffer()
    init(to peer: Channel) { self.peer = peer }

    func channelActive(context: ChannelHandlerContext) { context.read() }
    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var bytes = unwrapInboundIn(data)
        if prefaceLeft > 0, let preface = bytes.readSlice(length: min(prefaceLeft, bytes.readableBytes)) {
            prefaceLeft -= preface.readableBytes
            peer.write(preface, promise: nil)
        }
        pending.writeBuffer(&bytes)
        var whole = 0
        while pending.readableBytes - whole >= 9,
              let word = pending.getInteger(at: pending.readerIndex + whole, as: UInt32.self),
              pending.readableBytes - whole >= 9 + Int(word >> 8) {
            if pending.getInteger(at: pending.readerIndex + whole + 3, as: UInt8.self) == 7,
               let frame = pending.getSlice(at: pending.readerIndex + whole, length: 9 + Int(word >> 8)) {
                reportGoAway(from: "driver", frame)
            }
            whole += 9 + Int(word >> 8)
        }
        if whole > 0, let frames = pending.readSlice(length: whole) { peer.write(frames, promise: nil) }
        pending.discardReadBytes()
    }
    func channelReadComplete(context: ChannelHandlerContext) {
        peer.flush()
        context.read()
    }
    func channelInactive(context: ChannelHandlerContext) { peer.close(promise: nil) }
    func errorCaught(context: ChannelHandlerContext, error: Error) {
        FileHandle.standardError.write(Data("relay: driver side error \(error)\n".utf8))
        context.close(promise: nil)
    }
}

/// Server → driver: splits the byte stream into HTTP/2 frames (9-byte header: 24-bit length,
/// type, flags, stream id), answers PINGs (type 6 without the ACK flag) on the spot and forwards
/// everything else. The server-to-client direction carries no connection preface, so the stream
/// is frames from its first byte.
private final class ServerToDriver: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer
    private static let headerLength = 9
    private static let ping: UInt8 = 6
    private static let ackFlag: UInt8 = 1

    let driver: Channel
    private var pending = ByteBuffer()

    init(driver: Channel) { self.driver = driver }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var incoming = unwrapInboundIn(data)
        pending.writeBuffer(&incoming)
        var forward = context.channel.allocator.buffer(capacity: pending.readableBytes)
        while pending.readableBytes >= Self.headerLength,
              let word = pending.getInteger(at: pending.readerIndex, as: UInt32.self),
              case let length = Int(word >> 8), pending.readableBytes >= Self.headerLength + length,
              var frame = pending.readSlice(length: Self.headerLength + length) {
            let type = frame.getInteger(at: frame.readerIndex + 3, as: UInt8.self)
            let flags = frame.getInteger(at: frame.readerIndex + 4, as: UInt8.self) ?? 0
            if type == 7 { reportGoAway(from: "server", frame) }
            if type == Self.ping, flags & Self.ackFlag == 0 {
                frame.setInteger(flags | Self.ackFlag, at: frame.readerIndex + 4)
                context.writeAndFlush(wrapOutboundOut(frame), promise: nil)
            } else {
                forward.writeBuffer(&frame)
            }
        }
        pending.discardReadBytes()
        if forward.readableBytes > 0 { driver.writeAndFlush(forward, promise: nil) }
    }

    func channelInactive(context: ChannelHandlerContext) { driver.close(promise: nil) }
    func errorCaught(context: ChannelHandlerContext, error: Error) {
        FileHandle.standardError.write(Data("relay: server side error \(error)\n".utf8))
        context.close(promise: nil)
    }
}
