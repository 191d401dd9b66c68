// Which optional customer fields hold real values. The project's own data fills all of them; a
// public banking dataset converted for evaluation often has only id, age, gender, income and
// segment. A field that is not known is neither checked by an eligibility rule nor written into
// the profile text nor used as a context signal, instead of being read as a misleading zero.
#pragma once

namespace bank {

struct KnownFields {
    bool age = true;
    bool income = true;
    bool credit_score = true;
    bool risk_profile = true;
    bool engagement = true;
    bool sentiment = true;
    bool social_activity = true;
};

}  // namespace bank
