"""Reads bank-eval's JSON report and fails unless the learned model leads every other ranker on
MAP@k with a paired bootstrap interval clear of zero and its calibration was reported."""
import json
import sys

report = json.load(open(sys.argv[1]))
if report.get("leader") != "learned (XGBoost)":
    sys.exit(f"the report's leader is {report.get('leader')!r}, not the learned model")
failed = [r["ranker"] for r in report["rankers"]
          if r["ranker"] != report["leader"] and not r["lead_map"]["low"] > 0]
if failed:
    sys.exit("the learned model's lead is not clear of zero over: " + ", ".join(failed))
if "calibration" not in report:
    sys.exit("no calibration in the report")
lows = ", ".join(f"{r['ranker']} +{r['lead_map']['mean']:.3f} (low {r['lead_map']['low']:.3f})"
                 for r in report["rankers"] if r["ranker"] != report["leader"])
print(f"learned leads every other ranker: {lows}; ECE {report['calibration']['expected_calibration_error']:.4f}")
