// What every check needs: the dataset, the reference index and the report, plus a shorthand
// for reporting a row's violation.
#pragma once
#include <string>

#include "fraudgen/validate/dataset.h"
#include "fraudgen/validate/reference_index.h"
#include "fraudgen/validate/report.h"
#include "fraudgen/validate/row_ref.h"

namespace fraudgen::validate {

struct CheckContext {
  const Dataset& dataset;
  const ReferenceIndex& index;
  Report& report;

  // A violation of `check` at column `c` of `row`.
  void fail(Check check, const RowRef& row, int c, std::string expected) const {
    report.violation(check, {row.file, row.file_row, std::string(row.name(c)), row.text(c), std::move(expected)});
  }
  // Counts the row as checked by `check`.
  void checked(Check check) const { report.checked(check); }
};

}  // namespace fraudgen::validate
