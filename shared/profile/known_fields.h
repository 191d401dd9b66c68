// Which optional customer fields hold real values. The project's own data fills the first seven; a
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
    // Unknown by default: the project's customerdata.csv has no segment, tenure or activity flag;
    // only a public dataset in the generic format (EVALUATION.md) fills them.
    bool segment = false;
    bool tenure = false;
    bool activity = false;

    // Nothing known yet: where a reader starts before it looks at a row's cells. Named, so that a
    // field added later cannot be left out of a positional list of falses.
    static KnownFields none() {
        KnownFields k;
        k.age = k.income = k.credit_score = k.risk_profile = false;
        k.engagement = k.sentiment = k.social_activity = false;
        k.segment = k.tenure = k.activity = false;
        return k;
    }
};

}  // namespace bank
