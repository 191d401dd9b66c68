// The checks a request's head passes before the HTTP library reads it. cpp-httplib 0.11 reads
// any number of header fields of any total size, skips lines that end in a bare LF, takes the
// first of two Content-Length values, reads a chunked body past the body limit and a POST without
// Content-Length until the client closes. A front server that reads such a head differently
// would let one request carry another past it (request smuggling). Here where a request ends is
// decided once, strictly (RFC 9112), and anything ambiguous is refused.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace bank::proxy {

struct HeadLimits {
    std::size_t max_head_bytes = 16 * 1024;   // request line and fields together (nginx: 4 x 8 KiB)
    std::size_t max_fields = 100;
    std::size_t max_request_line = 8 * 1024;  // cpp-httplib's own URI limit
    std::size_t max_body_bytes = 64 * 1024;
};

struct RequestHead {
    enum class Verdict { Incomplete, Ready, Refused };
    Verdict verdict = Verdict::Incomplete;
    std::string method;            // as sent, once the request line is complete
    std::size_t head_bytes = 0;    // received bytes up to and including the blank line
    std::size_t body_bytes = 0;    // the body that follows (its Content-Length)
    bool expects_continue = false; // the client waits for "100 Continue" before sending the body
    // The head handed on to the HTTP library: the same fields without Expect (answered here), and
    // "Content-Length: 0" added where a method with a body sent none.
    std::string for_library;
    // When refused: the status and the error body's code and message.
    int status = 0;
    std::string code;
    std::string message;
};

// Reads the head at the start of `received` (more bytes may follow: the body, the next request).
RequestHead read_request_head(std::string_view received, const HeadLimits& limits);

}  // namespace bank::proxy
