#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <cstdio>
#include <unistd.h>
#include <map>
#include <set>
#include <vector>

#include "fraudgen/core/alias_table.h"
#include "fraudgen/core/append_vector.h"
#include "fraudgen/core/byte_buffer.h"
#include "fraudgen/core/byte_size.h"
#include "fraudgen/core/civil_time.h"
#include "fraudgen/core/random.h"
#include "fraudgen/core/resident_memory.h"
#include "fraudgen/core/text.h"
#include "fraudgen/format/value_writer.h"

using namespace fraudgen;

TEST(Rng, SameKeySameStreamDifferentKeyDifferentStream) {
  Rng a(1, EntityKind::Customer, 5, 1), b(1, EntityKind::Customer, 5, 1);
  Rng other_purpose(1, EntityKind::Customer, 5, 2), other_seed(2, EntityKind::Customer, 5, 1);
  Rng other_index(1, EntityKind::Customer, 6, 1);
  std::vector<uint64_t> va, vb, vp, vs, vi;
  for (int i = 0; i < 64; ++i) {
    va.push_back(a.next()); vb.push_back(b.next()); vp.push_back(other_purpose.next());
    vs.push_back(other_seed.next()); vi.push_back(other_index.next());
  }
  EXPECT_EQ(va, vb);
  EXPECT_NE(va, vp);
  EXPECT_NE(va, vs);
  EXPECT_NE(va, vi);
}

TEST(Rng, UniformAndBelowStayInRangeWithSensibleMean) {
  Rng r(9, EntityKind::Plan, 0, 0);
  double sum = 0;
  std::vector<int> counts(10, 0);
  for (int i = 0; i < 200000; ++i) {
    double u = r.uniform();
    ASSERT_GE(u, 0.0);
    ASSERT_LT(u, 1.0);
    sum += u;
    uint64_t k = r.below(10);
    ASSERT_LT(k, 10u);
    ++counts[k];
  }
  EXPECT_NEAR(sum / 200000, 0.5, 0.005);
  for (int c : counts) EXPECT_NEAR(c, 20000, 800);
}

TEST(Rng, PoissonMeanMatches) {
  Rng r(3, EntityKind::Plan, 1, 0);
  for (double mean : {2.5, 30.0, 700.0}) {
    double sum = 0;
    for (int i = 0; i < 20000; ++i) sum += static_cast<double>(r.poisson(mean));
    EXPECT_NEAR(sum / 20000, mean, mean * 0.03 + 0.1) << mean;
  }
}

TEST(AliasTable, FrequenciesFollowWeightsAndZeroWeightsNeverDrawn) {
  std::vector<double> w{1, 0, 3, 6};
  AliasTable t(w);
  Rng r(1, EntityKind::Plan, 2, 0);
  std::vector<int> n(4, 0);
  for (int i = 0; i < 100000; ++i) ++n[t.sample(r)];
  EXPECT_EQ(n[1], 0);
  EXPECT_NEAR(n[0] / 1e5, 0.1, 0.01);
  EXPECT_NEAR(n[2] / 1e5, 0.3, 0.01);
  EXPECT_NEAR(n[3] / 1e5, 0.6, 0.01);
}

TEST(AliasTable, RejectsBadWeights) {
  EXPECT_THROW(AliasTable(std::vector<double>{}), std::invalid_argument);
  EXPECT_THROW(AliasTable(std::vector<double>{0, 0}), std::invalid_argument);
  EXPECT_THROW(AliasTable(std::vector<double>{1, -1}), std::invalid_argument);
}

TEST(CivilTime, KnownDatesWeekdaysAndEaster) {
  EXPECT_EQ(days_from_civil(1970, 1, 1), 0);
  EXPECT_EQ(days_from_civil(2000, 3, 1), 11017);
  EXPECT_EQ(weekday_from_days(days_from_civil(2025, 11, 24)), 0u);  // a Monday
  EXPECT_EQ(weekday_from_days(days_from_civil(1970, 1, 1)), 3u);    // a Thursday
  EXPECT_EQ(easter_days(2024), days_from_civil(2024, 3, 31));
  EXPECT_EQ(easter_days(2025), days_from_civil(2025, 4, 20));
  for (int64_t d = -1000; d < 40000; d += 37) {
    CivilDate c = civil_from_days(d);
    EXPECT_EQ(days_from_civil(c.year, c.month, c.day), d);
  }
}

TEST(CivilTime, ParsesOnlyRealDates) {
  EXPECT_EQ(parse_iso_date("2024-02-29"), days_from_civil(2024, 2, 29));
  EXPECT_FALSE(parse_iso_date("2025-02-29"));
  EXPECT_FALSE(parse_iso_date("2025-13-01"));
  EXPECT_FALSE(parse_iso_date("2025-1-01"));
  EXPECT_FALSE(parse_iso_date("yesterday"));
}

TEST(CivilTime, TimestampsAreBrasiliaTimeWithOffset) {
  char buf[40];
  // 2025-03-01T17:05:09.123Z is 14:05:09.123 in Brasília.
  int64_t utc = (days_from_civil(2025, 3, 1) * 86400 + 17 * 3600 + 5 * 60 + 9) * 1000 + 123;
  EXPECT_EQ(std::string(buf, write_timestamp_brt(buf, utc)), "2025-03-01T14:05:09.123-03:00");
  // Just after midnight UTC is still the previous local day.
  utc = days_from_civil(2025, 1, 1) * kMillisPerDay + 1000;
  EXPECT_EQ(std::string(buf, write_timestamp_brt(buf, utc)), "2024-12-31T21:00:01.000-03:00");
}

TEST(ByteSize, DecimalAndBinaryUnits) {
  EXPECT_EQ(parse_byte_size("1GB"), 1000000000u);
  EXPECT_EQ(parse_byte_size("1 GiB"), 1073741824u);
  EXPECT_EQ(parse_byte_size("500mb"), 500000000u);
  EXPECT_EQ(parse_byte_size("1.5KB"), 1500u);
  EXPECT_EQ(parse_byte_size("4096"), 4096u);
  EXPECT_EQ(parse_byte_size("128MiB"), 134217728u);
  for (const char* bad : {"-5GB", "abc", "1XB", "", "GB", "1e400GB", "nan"}) EXPECT_FALSE(parse_byte_size(bad)) << bad;
}

TEST(ValueWriter, MoneyAndDoubles) {
  char buf[64];
  EXPECT_EQ(std::string(buf, write_cents(buf, -1234)), "-12.34");
  EXPECT_EQ(std::string(buf, write_cents(buf, 5)), "0.05");
  EXPECT_EQ(std::string(buf, write_cents(buf, 100000)), "1000.00");
  EXPECT_EQ(std::string(buf, write_double(buf, 12.0)), "12.0");
  EXPECT_EQ(std::string(buf, write_double(buf, -23.550512)), "-23.550512");
  EXPECT_EQ(std::string(buf, write_double(buf, 0.1)), "0.1");
}

TEST(Text, AsciiFoldingForEmails) {
  std::string out;
  append_ascii_folded(out, "João Conceição Ñandú Über");
  EXPECT_EQ(out, "joaoconceicaonanduuber");
}

// write_hex and write_padded emit two digits per step; compare them with printf on every width.
TEST(Text, HexAndPaddedDigitsMatchPrintf) {
  const uint64_t values[] = {0, 1, 9, 10, 15, 16, 99, 100, 255, 0xABCDEF, 1234567890123ULL, 0x0123456789ABCDEFULL, ~0ULL};
  for (uint64_t v : values) {
    for (int n = 1; n <= 16; ++n) {
      char got[32], want[40];
      const uint64_t masked = n == 16 ? v : v & ((1ULL << (4 * n)) - 1);
      for (bool upper : {false, true}) {
        std::snprintf(want, sizeof want, upper ? "%0*llX" : "%0*llx", n, static_cast<unsigned long long>(masked));
        EXPECT_EQ(std::string(got, write_hex(got, v, n, upper)), want) << v << " " << n;
      }
    }
    for (int width = 1; width <= 20; ++width) {
      char got[32], want[40];
      uint64_t mod = 1;
      for (int k = 0; k < width && k < 19; ++k) mod *= 10;
      const uint64_t kept = width >= 20 ? v : v % mod;
      std::snprintf(want, sizeof want, "%0*llu", width, static_cast<unsigned long long>(kept));
      EXPECT_EQ(std::string(got, write_padded(got, v, width)), want) << v << " " << width;
    }
  }
}

// Blocks from 2 MiB up go back to the system when freed, whatever malloc's thresholds have
// become. Freeing an 8 MiB block first raises glibc's mmap threshold past 6 MiB, as a recycled
// row-group buffer does; a 6 MiB block from malloc would then stay resident in its arena.
TEST(BufferMemory, LargeBlocksLeaveNothingResidentWhenFreed) {
  constexpr size_t kWarm = size_t{8} << 20, kBlock = size_t{6} << 20;
  {
    BufferMemory<char> warm = make_buffer_memory<char>(kWarm);
    std::memset(warm.get(), 1, kWarm);
  }
  const long before = static_cast<long>(resident_bytes());
  BufferMemory<char> m = make_buffer_memory<char>(kBlock);
  std::memset(m.get(), 1, kBlock);
  const long touched = static_cast<long>(resident_bytes());
  m.reset();
  const long after = static_cast<long>(resident_bytes());
  ASSERT_GT(before, 0);
  EXPECT_GE(touched - before, static_cast<long>(kBlock) - (1 << 20));
  EXPECT_LT(after - before, 1 << 20) << "before " << before << ", touched " << touched << ", after " << after;
}

// Small, prefaulted and huge-page-sized blocks all hold what is written to them, and a buffer
// that grows across those sizes keeps its contents.
TEST(BufferMemory, EverySizeClassHoldsItsBytesAndGrowthKeepsContents) {
  for (size_t bytes : {size_t{1}, size_t{4095}, size_t{64} << 10, (size_t{64} << 10) + 3, size_t{2} << 20, (size_t{5} << 20) + 1}) {
    BufferMemory<unsigned char> m = make_buffer_memory<unsigned char>(bytes);
    for (size_t i = 0; i < bytes; ++i) m[i] = static_cast<unsigned char>(i * 7);
    size_t wrong = 0;
    for (size_t i = 0; i < bytes; ++i) wrong += m[i] != static_cast<unsigned char>(i * 7);
    EXPECT_EQ(wrong, 0u) << bytes;
    if (bytes >= (size_t{2} << 20)) {
      EXPECT_EQ(reinterpret_cast<uintptr_t>(m.get()) % (size_t{2} << 20), 0u) << bytes;
    }
  }
  ByteBuffer b;
  AppendVector<uint32_t> v;
  for (uint32_t i = 0; i < 3'000'000; ++i) {
    v.push_back(i);
    if (i % 3 == 0) b.append(std::string_view(reinterpret_cast<const char*>(&i), 4));
  }
  size_t wrong = 0;
  for (uint32_t i = 0; i < 3'000'000; ++i) wrong += v[i] != i;
  for (uint32_t k = 0; k < 1'000'000; ++k) {
    uint32_t x;
    std::memcpy(&x, b.data() + 4 * k, 4);
    wrong += x != 3 * k;
  }
  EXPECT_EQ(wrong, 0u);
  EXPECT_EQ(b.size(), 4'000'000u);
}
