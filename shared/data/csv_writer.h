// The one CSV writer, for every file the project hands to a person (the banker's next-best-action
// export, the audit trail). RFC 4180: cells quoted when they hold a comma, quote or line break,
// rows ended by CRLF. Text cells are also guarded against spreadsheet formula injection (OWASP
// "CSV Injection"): a name such as "=HYPERLINK(...)" from a customer record must open as text.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace bank {

// A text cell: a value starting with = + - @ or a tab/CR gets a leading apostrophe (what
// spreadsheets read as "this is text"), then quoting as RFC 4180 requires. Numbers the program
// formats itself are not text cells: pass them to csv_row as they are, so -1.5 stays a number.
std::string csv_text(std::string_view value);

// Cells already made (by csv_text, or numbers) joined by commas, ended by CRLF.
std::string csv_row(const std::vector<std::string>& cells);

}  // namespace bank
