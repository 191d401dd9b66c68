// Life stage: the only form in which age reaches the ranker beyond legal eligibility (DESIGN.md:
// age as such is not a scoring input). Bands are wide on purpose; they also define the age groups
// whose exposure the evaluator compares.
#pragma once

namespace bank {

enum class LifeStage { Unknown, StartingOut, EarlyCareer, Established, PreRetirement, Retired };

constexpr int kLifeStageCount = 6;

// 18-24 starting out, 25-34 early career, 35-49 established, 50-64 pre-retirement, 65+ retired.
// Ages below 18 or unknown (0) give Unknown.
LifeStage life_stage_for_age(int age);

const char* to_string(LifeStage stage);            // "starting out", "early career", ...
const char* age_band_label(LifeStage stage);       // "18-24", "25-34", ... for exposure reports
const char* describe_life_stage(LifeStage stage);  // a phrase for the profile text

}  // namespace bank
