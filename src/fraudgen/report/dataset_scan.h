// The report's one pass over a dataset: the transactions, customers and rides files, only the
// columns the charts need. The work is cut into units of a file's row groups (Parquet; a JSONL
// or CSV file is one unit), so even a single big file is read by every worker. Each worker
// tallies a contiguous run of units and the tallies merge in (file, row group) order, so the
// result is the same for any number of workers; memory is a row group (or text batch) and a
// tally per worker.
#pragma once
#include <array>
#include <cstdint>

#include "fraudgen/report/ride_tally.h"
#include "fraudgen/report/transaction_tally.h"
#include "fraudgen/validate/dataset.h"

namespace fraudgen::report {

struct DatasetScan {
  explicit DatasetScan(const ReportCalendar& calendar) : transactions(calendar), rides(calendar) {}
  TransactionTally transactions;
  RideTally rides;
  uint64_t customers = 0;
  std::array<uint64_t, kStates> customers_by_state{};  // address_state, in ReferenceData::states order
  uint64_t bytes = 0;      // of the files read
  double seconds = 0;      // wall time of the scan
};

// Throws ReadError (naming the file) when a file cannot be read. `progress` draws a status line
// on stderr as `generate` does.
DatasetScan scan_dataset(const validate::Dataset& dataset, int workers, bool progress);

}  // namespace fraudgen::report
