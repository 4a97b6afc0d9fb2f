#include "fraudgen/report/dataset_scan.h"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <memory>
#include <vector>

#include "fraudgen/core/parallel.h"
#include "fraudgen/format/read/table_reader.h"
#include "fraudgen/reference/reference_data.h"
#include "fraudgen/run/status_line.h"
#include "fraudgen/schema/columns.h"

namespace fraudgen::report {

namespace {

using validate::DatasetFile;

// A piece of work: one row group of a file (or a whole text file, group 0).
struct ReadUnit {
  size_t file;   // index into the table's files
  size_t group;
};

std::unique_ptr<TableReader> open_reader(const validate::Dataset& d, const DatasetFile& file) {
  return open_table_reader(d.store->open(file.path), d.format, d.compression, file.table);
}

// The table's files cut into units in (file, row group) order. Parquet footers are read on
// `workers` threads (one small read each); a text file is one unit without opening it.
std::vector<ReadUnit> read_units(const validate::Dataset& d, const std::vector<const DatasetFile*>& files, int workers) {
  std::vector<size_t> groups(files.size(), 1);
  if (d.format == Format::Parquet)
    for_parts(files.size(), static_cast<uint64_t>(workers), [&](uint64_t, uint64_t first, uint64_t end) {
      for (uint64_t i = first; i < end; ++i) groups[i] = std::max<size_t>(open_reader(d, *files[i])->row_groups(), 1);
    });
  std::vector<ReadUnit> units;
  for (size_t f = 0; f < files.size(); ++f)
    for (size_t g = 0; g < groups[f]; ++g) units.push_back({f, g});
  return units;
}

// Tallies every row of the table's files (only `columns`) into one Tally per worker, each over a
// contiguous run of units, then merges them in unit order: `add(tally, batch)` counts a batch,
// Tally::merge(later) adds the tally of later rows.
template <typename Tally, typename Add>
Tally scan_table(const validate::Dataset& d, Table table, const std::vector<int>& columns, int workers, const Tally& empty,
                 std::atomic<uint64_t>& rows_read, Add add) {
  const auto files = d.files_of(table);
  const std::vector<ReadUnit> units = read_units(d, files, workers);
  std::vector<Tally> tallies(std::clamp<size_t>(static_cast<size_t>(workers), 1, std::max<size_t>(units.size(), 1)), empty);
  for_parts(units.size(), tallies.size(), [&](uint64_t part, uint64_t first, uint64_t end) {
    ColumnBatch batch(read_schema_of(table));
    std::vector<ValueProblem> problems;
    // The part's units of one file are consecutive row groups: one reader reads them all.
    for (uint64_t u = first; u < end;) {
      uint64_t last = u;
      while (last + 1 < end && units[last + 1].file == units[u].file) ++last;
      std::unique_ptr<TableReader> reader = open_reader(d, *files[units[u].file]);
      reader->read_only(columns);
      reader->read_row_groups(units[u].group, units[last].group + 1);
      while (reader->next(batch, problems)) {
        add(tallies[part], batch);
        rows_read += batch.rows();
      }
      u = last + 1;
    }
  });
  for (size_t p = 1; p < tallies.size(); ++p) tallies[0].merge(tallies[p]);
  return std::move(tallies[0]);
}

// Customers per home state; the last slot holds a state not in the reference.
struct StateCounts {
  std::array<uint64_t, kStates + 1> n{};
  void merge(const StateCounts& later) {
    for (size_t s = 0; s <= kStates; ++s) n[s] += later.n[s];
  }
};

}  // namespace

DatasetScan scan_dataset(const validate::Dataset& d, int workers, bool progress) {
  const auto start = std::chrono::steady_clock::now();
  const ReferenceData reference = ReferenceData::load();
  const ReportCalendar calendar = ReportCalendar::of(d.start_day, d.end_day);
  DatasetScan scan(calendar);
  uint64_t total_rows = 0;
  for (Table t : {Table::Transactions, Table::Customers, Table::Rides})
    for (const auto* f : d.files_of(t)) total_rows += f->rows, scan.bytes += f->bytes;

  std::atomic<uint64_t> rows_read{0};
  StatusLine line(
      [&](double) {
        const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        const uint64_t done = rows_read.load();
        std::fprintf(stderr, "report: %5.1f%% | %llu of %llu rows | %.0f rows/s",
                     total_rows ? 100.0 * static_cast<double>(done) / static_cast<double>(total_rows) : 0.0,
                     static_cast<unsigned long long>(done), static_cast<unsigned long long>(total_rows),
                     secs > 0 ? static_cast<double>(done) / secs : 0.0);
      },
      progress, std::chrono::milliseconds(250));

  scan.transactions = scan_table(d, Table::Transactions, transaction_columns_read(), workers, TransactionTally(calendar), rows_read,
                                 [&](TransactionTally& t, const ColumnBatch& b) { t.add(b, reference); });
  scan.rides = scan_table(d, Table::Rides, ride_columns_read(), workers, RideTally(calendar), rows_read,
                          [&](RideTally& t, const ColumnBatch& b) { t.add(b, reference); });
  const StateCounts states =
      scan_table(d, Table::Customers, {customer_col::address_state}, workers, StateCounts{}, rows_read, [&](StateCounts& c, const ColumnBatch& b) {
        const ColumnData& uf = b.column(customer_col::address_state);
        for (size_t r = 0; r < b.rows(); ++r) {
          const int s = reference.state_index(uf.str(r));
          ++c.n[s >= 0 && s < kStates ? static_cast<size_t>(s) : kStates];
        }
      });
  for (size_t s = 0; s <= kStates; ++s) {
    scan.customers += states.n[s];
    if (s < kStates) scan.customers_by_state[s] = states.n[s];
  }
  line.stop();
  scan.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return scan;
}

}  // namespace fraudgen::report
