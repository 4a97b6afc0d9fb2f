// The report's one pass over a dataset: the transactions and customers files, only the columns
// the charts need, several files at once. Each worker tallies a contiguous run of files and the
// tallies merge in file order, so the result is the same for any number of workers; memory is a
// row group (or text batch) and a tally per worker.
#pragma once
#include <array>
#include <cstdint>

#include "fraudgen/report/transaction_tally.h"
#include "fraudgen/validate/dataset.h"

namespace fraudgen::report {

struct DatasetScan {
  explicit DatasetScan(const ReportCalendar& calendar) : transactions(calendar) {}
  TransactionTally transactions;
  uint64_t customers = 0;
  std::array<uint64_t, kStates> customers_by_state{};  // address_state, in ReferenceData::states order
  uint64_t bytes = 0;      // of the files read
  double seconds = 0;      // wall time of the scan
};

// Throws ReadError (naming the file) when a file cannot be read. `progress` draws a status line
// on stderr as `generate` does.
DatasetScan scan_dataset(const validate::Dataset& dataset, int workers, bool progress);

}  // namespace fraudgen::report
