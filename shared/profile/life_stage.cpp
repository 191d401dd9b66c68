#include "shared/profile/life_stage.h"

namespace bank {

LifeStage life_stage_for_age(int age) {
    if (age < 18) return LifeStage::Unknown;
    if (age < 25) return LifeStage::StartingOut;
    if (age < 35) return LifeStage::EarlyCareer;
    if (age < 50) return LifeStage::Established;
    if (age < 65) return LifeStage::PreRetirement;
    return LifeStage::Retired;
}

const char* to_string(LifeStage stage) {
    switch (stage) {
        case LifeStage::StartingOut:
            return "starting out";
        case LifeStage::EarlyCareer:
            return "early career";
        case LifeStage::Established:
            return "established";
        case LifeStage::PreRetirement:
            return "pre-retirement";
        case LifeStage::Retired:
            return "retired";
        case LifeStage::Unknown:
            break;
    }
    return "unknown";
}

const char* age_band_label(LifeStage stage) {
    switch (stage) {
        case LifeStage::StartingOut:
            return "18-24";
        case LifeStage::EarlyCareer:
            return "25-34";
        case LifeStage::Established:
            return "35-49";
        case LifeStage::PreRetirement:
            return "50-64";
        case LifeStage::Retired:
            return "65+";
        case LifeStage::Unknown:
            break;
    }
    return "unknown";
}

const char* describe_life_stage(LifeStage stage) {
    switch (stage) {
        case LifeStage::StartingOut:
            return "A young adult starting out with their finances";
        case LifeStage::EarlyCareer:
            return "Early in their career and building their finances";
        case LifeStage::Established:
            return "Established, in the busy middle years of work and family";
        case LifeStage::PreRetirement:
            return "Later in their career and planning for retirement";
        case LifeStage::Retired:
            return "Retired and managing their savings and income";
        case LifeStage::Unknown:
            break;
    }
    return "";
}

}  // namespace bank
