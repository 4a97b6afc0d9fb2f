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

// Reads every row of `file` (only `columns`), handing each batch to `use`.
template <typename Use>
void read_file(const validate::Dataset& d, const validate::DatasetFile& file, const std::vector<int>& columns,
               std::atomic<uint64_t>& rows_read, Use use) {
  std::unique_ptr<TableReader> reader = open_table_reader(d.store->open(file.path), d.format, d.compression, file.table);
  reader->read_only(columns);
  ColumnBatch batch(read_schema_of(file.table));
  std::vector<ValueProblem> problems;
  while (reader->next(batch, problems)) {
    use(batch);
    rows_read += batch.rows();
  }
}

}  // namespace

DatasetScan scan_dataset(const validate::Dataset& d, int workers, bool progress) {
  const auto start = std::chrono::steady_clock::now();
  const ReferenceData reference = ReferenceData::load();
  const ReportCalendar calendar = ReportCalendar::of(d.start_day, d.end_day);
  DatasetScan scan(calendar);
  const auto tx_files = d.files_of(Table::Transactions);
  const auto customer_files = d.files_of(Table::Customers);
  uint64_t total_rows = 0;
  for (const auto* f : tx_files) total_rows += f->rows, scan.bytes += f->bytes;
  for (const auto* f : customer_files) total_rows += f->rows, scan.bytes += f->bytes;

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

  const uint64_t parts = static_cast<uint64_t>(std::max(workers, 1));
  std::vector<TransactionTally> tallies(std::min<uint64_t>(parts, std::max<size_t>(tx_files.size(), 1)), TransactionTally(calendar));
  const std::vector<int> tx_columns = transaction_columns_read();
  for_parts(tx_files.size(), tallies.size(), [&](uint64_t part, uint64_t first, uint64_t end) {
    for (uint64_t i = first; i < end; ++i)
      read_file(d, *tx_files[i], tx_columns, rows_read, [&](const ColumnBatch& b) { tallies[part].add(b, reference); });
  });
  for (size_t p = 1; p < tallies.size(); ++p) tallies[0].merge(tallies[p]);
  scan.transactions = std::move(tallies[0]);

  std::vector<std::array<uint64_t, kStates + 1>> states(std::min<uint64_t>(parts, std::max<size_t>(customer_files.size(), 1)));
  for_parts(customer_files.size(), states.size(), [&](uint64_t part, uint64_t first, uint64_t end) {
    for (uint64_t i = first; i < end; ++i)
      read_file(d, *customer_files[i], {customer_col::address_state}, rows_read, [&](const ColumnBatch& b) {
        const ColumnData& uf = b.column(customer_col::address_state);
        for (size_t r = 0; r < b.rows(); ++r) {
          const int s = reference.state_index(uf.str(r));
          ++states[part][s >= 0 && s < kStates ? static_cast<size_t>(s) : kStates];
        }
      });
  });
  for (const auto& part : states)
    for (size_t s = 0; s <= kStates; ++s) {
      scan.customers += part[s];
      if (s < kStates) scan.customers_by_state[s] += part[s];
    }
  line.stop();
  scan.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return scan;
}

}  // namespace fraudgen::report
