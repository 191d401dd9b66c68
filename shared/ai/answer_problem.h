// Why an AI answer may not be shown, as a stable reason (the label of the /metrics series
// bank_proxy_ai_answers_rejected_total) and a sentence for tests and debugging. The message may
// quote a short piece of the answer, and an answer may echo anything (a key, a name the model
// made up or was fed): log the reason, never the message.
#pragma once

#include <string>

namespace bank::ai {

enum class AnswerFault {
    Format,             // not the requested shape: not JSON, wrong products, markup, too long, ...
    UnsupportedNumber,  // a rate, fee, amount or term the catalog does not state for that product
    UnlistedProduct,    // a product of the catalog outside the shortlist, or an invented one
    UnknownName,        // a brand or other proper name the shortlist and the profile do not contain
    Claim,              // approval, guarantee, endorsement or regulatory language not in the catalog
    Link,               // a web address, domain or e-mail address in the text
    PromptEcho,         // the instructions, the prompt's field names or injected customer text repeated
};

inline const char* to_string(AnswerFault fault) {
    switch (fault) {
        case AnswerFault::Format: return "format";
        case AnswerFault::UnsupportedNumber: return "unsupported_number";
        case AnswerFault::UnlistedProduct: return "unlisted_product";
        case AnswerFault::UnknownName: return "unknown_name";
        case AnswerFault::Claim: return "claim";
        case AnswerFault::Link: return "link";
        case AnswerFault::PromptEcho: return "prompt_echo";
    }
    return "format";
}

struct AnswerProblem {
    AnswerFault fault = AnswerFault::Format;
    std::string message;  // "an explanation states 0.01 percent, which the catalog does not state ..."
};

}  // namespace bank::ai
