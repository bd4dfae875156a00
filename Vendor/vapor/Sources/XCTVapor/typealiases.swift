public typealias XCTHTTPRequest = TestingHTTPRequest
public typealias XCTHTTPResponse = TestingHTTPResponse
