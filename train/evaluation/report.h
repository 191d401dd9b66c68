// An evaluation as people and tools read it: a markdown table (what EVALUATION.md quotes) and
// JSON with every figure and interval.
#pragma once

#include <string>

#include "train/evaluation/evaluation.h"

namespace bank {

std::string markdown_report(const EvaluationReport& report);
std::string json_report(const EvaluationReport& report);

}  // namespace bank
