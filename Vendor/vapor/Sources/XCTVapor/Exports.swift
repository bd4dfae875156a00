@_documentation(visibility: internal) @_exported import XCTest
@_documentation(visibility: internal) @_exported import Vapor
@_documentation(visibility: internal) @_exported import VaporTestUtils
