@_documentation(visibility: internal) @_exported import AsyncKit
@_documentation(visibility: internal) @_exported import class AsyncHTTPClient.HTTPClient
@_documentation(visibility: internal) @_exported import struct AsyncHTTPClient.HTTPClientError
@_documentation(visibility: internal) @_exported import Crypto
@_documentation(visibility: internal) @_exported import RoutingKit
@_documentation(visibility: internal) @_exported import ConsoleKit
@_documentation(visibility: internal) @_exported import Foundation
@_documentation(visibility: internal) @_exported import Logging
@_documentation(visibility: internal) @_exported import struct NIOCore.ByteBuffer
@_documentation(visibility: internal) @_exported import struct NIOCore.ByteBufferAllocator
@_documentation(visibility: internal) @_exported import protocol NIOCore.Channel
@_documentation(visibility: internal) @_exported import class NIOEmbedded.EmbeddedChannel
@_documentation(visibility: internal) @_exported import class NIOEmbedded.EmbeddedEventLoop
@_documentation(visibility: internal) @_exported import protocol NIOCore.EventLoop
@_documentation(visibility: internal) @_exported import class NIOCore.EventLoopFuture
@_documentation(visibility: internal) @_exported import protocol NIOCore.EventLoopGroup
@_documentation(visibility: internal) @_exported import struct NIOCore.EventLoopPromise
@_documentation(visibility: internal) @_exported import class NIOPosix.MultiThreadedEventLoopGroup
@_documentation(visibility: internal) @_exported import struct NIOPosix.NonBlockingFileIO
@_documentation(visibility: internal) @_exported import class NIOPosix.NIOThreadPool
@_documentation(visibility: internal) @_exported import enum NIOCore.System
@_documentation(visibility: internal) @_exported import class NIOConcurrencyHelpers.Lock
@_documentation(visibility: internal) @_exported import struct NIOHTTP1.HTTPHeaders
@_documentation(visibility: internal) @_exported import enum NIOHTTP1.HTTPMethod
@_documentation(visibility: internal) @_exported import struct NIOHTTP1.HTTPVersion
@_documentation(visibility: internal) @_exported import enum NIOHTTP1.HTTPResponseStatus
@_documentation(visibility: internal) @_exported import enum NIOHTTPCompression.NIOHTTPDecompression
@_documentation(visibility: internal) @_exported import struct NIOSSL.TLSConfiguration
@_documentation(visibility: internal) @_exported import WebSocketKit
@_documentation(visibility: internal) @_exported import MultipartKit
