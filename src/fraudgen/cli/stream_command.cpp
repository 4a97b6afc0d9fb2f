#include <CLI/CLI.hpp>

#include <algorithm>
#include <chrono>
#include <sys/statvfs.h>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "fraudgen/cli/commands.h"
#include "fraudgen/cli/spill_folder.h"
#include "fraudgen/cli/interrupt_watcher.h"
#include "fraudgen/cli/parse_number.h"
#include "fraudgen/core/civil_time.h"
#include "fraudgen/reference/reference_data.h"
#include "fraudgen/run/plan.h"
#include "fraudgen/stream/kafka_sink.h"
#include "fraudgen/stream/stdout_sink.h"
#include "fraudgen/stream/webhook_signature.h"
#include "fraudgen/stream/webhook_sink.h"
#include "fraudgen/rides/ride_spill.h"
#include "fraudgen/rides/ride_world.h"
#include "fraudgen/stream/world_events.h"
#include "fraudgen/run/manifest.h"
#include "fraudgen/core/byte_size.h"
#include "fraudgen/core/sha256.h"
#include "fraudgen/core/file_text.h"
#include "fraudgen/stream/stream_progress.h"
#include "fraudgen/stream/stream_runner.h"
#include "fraudgen/stream/unbounded_stream.h"

namespace fraudgen {
namespace {

constexpr uint64_t kDefaultStreamCustomers = 1'000;  // a year is about a million events
constexpr double kMaxRate = 10'000'000;
// An unbounded stream's world is simulated as a range of a century (the calendar tables cover
// it; later dates are computed when reached).
constexpr int64_t kUnboundedTableDays = 36'524;

const char* end_reason(StreamOutcome::End end) {
  switch (end) {
    case StreamOutcome::Complete: return "the end of the stream";
    case StreamOutcome::MaxEvents: return "--max-events";
    case StreamOutcome::Duration: return "--duration";
    case StreamOutcome::Interrupted: return "an interrupt";
    case StreamOutcome::ReaderClosed: return "standard output closed by its reader";
  }
  return "";
}

}  // namespace

CLI::App* StreamCommand::attach(CLI::App& app) {
  auto* cmd = app.add_subcommand("stream", "Send the world generate writes as events in time order (customers and "
                                           "devices before their first transaction, fraud labels when reported, "
                                           "rides when they are over), paced, to standard output, Kafka or a webhook.");
  world_.add(cmd, false, kDefaultStreamCustomers);
  cmd->add_option("--target", target_, "Where events go: stdout (default), one JSON line per event; kafka, one topic "
                                       "per table; or webhook, batches of lines POSTed to --url.");
  cmd->add_option("--rate", rate_, "Events per second, 0.001 to 10000000, on an absolute schedule; or max, as fast as "
                                   "the target takes them (default 100 unless --speed).");
  cmd->add_option("--speed", speed_, "Simulated seconds per wall second instead of a fixed rate: 1 is real time, 8760 "
                                     "replays a year in an hour.");
  cmd->add_option("--from-seq", from_seq_, "Start at event N of the stream (0-based): the same lines as a run from the "
                                           "start, from line N on.");
  cmd->add_option("--start-at", start_at_, "Start at the first event at or after this simulated instant: now, a date "
                                           "(its 00:00 in Brasília) or a timestamp such as 2025-03-01T14:00:00-03:00. "
                                           "With --speed, events leave at their time after it over the speed, so "
                                           "--speed 1 --start-at now is a live stream. Seq numbers stay the "
                                           "whole stream's (without --end-date they count from this instant).");
  cmd->add_option("--max-events", max_events_, "Stop after sending N events.");
  cmd->add_option("--duration", duration_, "Stop after sending for this many seconds (the simulation before the first "
                                           "event does not count).");
  cmd->add_option("--memory", memory_, "With --end-date: memory for events between simulation and sending (default "
                                     "512MiB). When a week of events fits in a quarter of it, the stream is simulated "
                                     "a span of days at a time while the span before is sent; a larger world is "
                                     "simulated whole into --spill-dir first. Same events either way.");
  cmd->add_option("--spill-dir", spill_dir_, "Folder for the temporary files of a stream too large for --memory, which "
                                             "hold the events in time windows until they are sent (default: TMPDIR, "
                                             "else /tmp); about the stream's size in JSON, removed at the end. With "
                                             "rides, the riders and recent history events wait there too, as for generate; "
                                             "without --end-date, the riders, each worker's block's days before and the lines of the "
                                             "ride days being sent (about 1KB a customer).");
  cmd->add_option("--brokers,-b", brokers_, "Kafka: bootstrap brokers, HOST:PORT[,HOST:PORT...].");
  cmd->add_option("-X", kafka_properties_, "Kafka: a librdkafka property, key=value (repeatable; wins over "
                                          "--kafka-config and fraudgen's defaults). -X list prints librdkafka's "
                                          "properties; -X dump the configuration the producer would get, then exits.");
  cmd->add_option("--kafka-config", kafka_config_, "Kafka: a file of librdkafka properties, key=value lines.");
  cmd->add_option("--topic-prefix", topic_prefix_, "Kafka: topics are PREFIX + the table name (default fraudgen., so "
                                                   "fraudgen.transactions).");
  cmd->add_option("--kafka-flush-timeout", flush_timeout_, "Kafka: seconds to wait at the end for the brokers to "
                                                           "acknowledge what is in flight (default 30).");
  cmd->add_option("--url", url_, "Webhook: the endpoint, http(s)://host[:port][/path].");
  cmd->add_option("--webhook-batch", webhook_batch_, "Webhook: events per request, 1 to 100000 (default 500).");
  cmd->add_option("--webhook-batch-bytes", webhook_batch_bytes_, "Webhook: bytes per request, 1KB to 64MiB (default 1MiB).");
  cmd->add_option("--webhook-linger", webhook_linger_, "Webhook: milliseconds a batch may wait to fill, 0 to 60000 (default 100).");
  cmd->add_option("--webhook-connections", webhook_connections_, "Webhook: requests in flight at once, 1 to 64 (default 4).");
  cmd->add_option("--webhook-max-attempts", webhook_max_attempts_, "Webhook: tries per batch, 1 to 20 (default 8).");
  cmd->add_option("--webhook-timeout", webhook_timeout_, "Webhook: seconds per request, 1 to 3600 (default 30).");
  cmd->add_option("--webhook-secret-file", webhook_secret_file_, "Webhook: file holding the whsec_ secret that signs "
                                                                  "each request (or FRAUDGEN_WEBHOOK_SECRET).");
  cmd->add_option("--connect-timeout", connect_timeout_, "Seconds to wait for the target to answer before anything is "
                                                         "simulated (default 10).");
  cmd->add_flag("--quiet,-q", quiet_, "Print nothing on stderr but errors.");
  return cmd;
}

std::unique_ptr<WebhookSink> StreamCommand::make_webhook_sink(const RunConfig& cfg, int connect_timeout_ms) const {
  WebhookSettings s;
  try {
    s.url = check_webhook_url(url_);
  } catch (const std::invalid_argument& e) {
    throw UsageError(url_.empty() ? "--target webhook needs --url http(s)://host[:port][/path]" : e.what());
  }
  set_whole_flag(webhook_batch_, "--webhook-batch", 1, 100'000, s.batch_events);
  long linger_ms = s.linger.count();
  set_whole_flag(webhook_linger_, "--webhook-linger", 0, 60'000, linger_ms);
  s.linger = std::chrono::milliseconds(linger_ms);
  set_whole_flag(webhook_connections_, "--webhook-connections", 1, 64, s.connections);
  set_whole_flag(webhook_max_attempts_, "--webhook-max-attempts", 1, 20, s.max_attempts);
  set_whole_flag(webhook_timeout_, "--webhook-timeout", 1, 3600, s.timeout_seconds);
  if (!webhook_batch_bytes_.empty()) {
    const auto bytes = parse_byte_size(webhook_batch_bytes_);
    if (!bytes || *bytes < 1000 || *bytes > (64ULL << 20))
      throw UsageError("--webhook-batch-bytes '" + webhook_batch_bytes_ + "' is not valid; accepted: 1KB to 64MiB");
    s.batch_bytes = *bytes;
  }
  std::string secret;
  if (!webhook_secret_file_.empty()) {
    const auto text = read_file_text(webhook_secret_file_);
    if (!text) throw UsageError("--webhook-secret-file '" + webhook_secret_file_ + "' cannot be read");
    secret = text->substr(0, text->find_first_of("\r\n"));
  } else if (const char* env = std::getenv("FRAUDGEN_WEBHOOK_SECRET"); env && *env) {
    secret = env;
  }
  if (!secret.empty()) {
    try {
      s.key = decode_webhook_secret(secret);
    } catch (const std::invalid_argument& e) {
      throw UsageError(std::string(webhook_secret_file_.empty() ? "FRAUDGEN_WEBHOOK_SECRET: " : "--webhook-secret-file: ") + e.what());
    }
  }
  Sha256 run;
  run.update(run_identity(cfg));
  s.run_tag = run.hex_digest().substr(0, 16);
  auto sink = std::make_unique<WebhookSink>(s);
  try {
    sink->connect(connect_timeout_ms);
  } catch (const std::invalid_argument& e) {
    throw UsageError(e.what());
  }
  return sink;
}

int StreamCommand::run() const {
  RunConfig cfg;
  cfg.format = Format::Jsonl;  // the size model of the events' rows
  cfg.compression = Compression::None;
  world_.resolve(cfg);
  cfg.quiet = quiet_;
  if (target_ != "stdout" && target_ != "kafka" && target_ != "webhook")
    throw UsageError("--target '" + target_ + "' is not supported; accepted: stdout, kafka, webhook");
  const bool kafka = target_ == "kafka", webhook = target_ == "webhook";
  const bool list = std::find(kafka_properties_.begin(), kafka_properties_.end(), "list") != kafka_properties_.end();
  const bool dump = std::find(kafka_properties_.begin(), kafka_properties_.end(), "dump") != kafka_properties_.end();
  if (list) {
    print_kafka_properties();
    return kExitOk;
  }
  if (dump && !kafka) throw UsageError("-X dump shows the Kafka producer's configuration: add --target kafka");
  if (!webhook && (!url_.empty() || !webhook_batch_.empty() || !webhook_batch_bytes_.empty() || !webhook_linger_.empty() ||
                   !webhook_connections_.empty() || !webhook_max_attempts_.empty() || !webhook_timeout_.empty() ||
                   !webhook_secret_file_.empty()))
    throw UsageError("--url and the --webhook-* flags apply only to --target webhook");
  if (!kafka && (!brokers_.empty() || !kafka_properties_.empty() || !kafka_config_.empty() || topic_prefix_ != "fraudgen." ||
                 !flush_timeout_.empty()))
    throw UsageError("--brokers, -X, --kafka-config, --topic-prefix and --kafka-flush-timeout apply only to --target kafka");
  double connect_timeout = 10;
  if (!connect_timeout_.empty()) {
    const auto s = parse_number<double>(connect_timeout_);
    if (!s || !(*s >= 0.1 && *s <= 3600))
      throw UsageError("--connect-timeout '" + connect_timeout_ + "' is not valid; accepted: seconds from 0.1 to 3600");
    connect_timeout = *s;
  }

  StreamOptions options;
  options.workers = cfg.workers;
  options.progress = !quiet_;
  if (!rate_.empty() && !speed_.empty())
    throw UsageError("--rate and --speed cannot be used together: --rate fixes events per second, --speed simulated time "
                     "per second; give one of them");
  if (!speed_.empty()) {
    const auto speed = parse_number<double>(speed_);
    if (!speed || !(*speed > 0 && *speed <= 1e9))
      throw UsageError("--speed '" + speed_ + "' is not valid; accepted: a number above 0 and at most 1000000000 "
                       "(simulated seconds per wall second, e.g. 1 or 8760)");
    options.pace = {Pace::Speed, *speed};
  } else if (rate_ == "max") {
    options.pace = {Pace::Max, 0};
  } else if (!rate_.empty()) {
    const auto rate = parse_number<double>(rate_);
    if (!rate || !(*rate >= 0.001 && *rate <= kMaxRate))
      throw UsageError("--rate '" + rate_ + "' is not valid; accepted: events per second from 0.001 to 10000000, or max");
    options.pace = {Pace::Rate, *rate};
  }
  const bool unbounded = !world_.end_date_given();
  const auto from = parse_number<uint64_t>(from_seq_);
  if (!from) throw UsageError("--from-seq '" + from_seq_ + "' is not valid; accepted: a whole number from 0");
  options.from_seq = *from;
  if (!start_at_.empty()) {
    if (start_at_ == "now") {
      options.start_at_wall = std::chrono::steady_clock::now();
      options.start_at_ms =
          std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
    } else if (const auto day = parse_iso_date(start_at_)) {
      options.start_at_ms = day_start_ms(*day);
    } else if (const auto t = parse_timestamp_rfc3339(start_at_)) {
      options.start_at_ms = *t;
    } else {
      throw UsageError("--start-at '" + start_at_ + "' is not valid; accepted: now, YYYY-MM-DD, or a timestamp such as "
                       "2025-03-01T14:00:00.000-03:00");
    }
  }
  if (!max_events_.empty()) {
    const auto n = parse_number<uint64_t>(max_events_);
    if (!n || *n == 0) throw UsageError("--max-events '" + max_events_ + "' is not valid; accepted: a whole number from 1");
    options.max_events = *n;
  }
  if (!duration_.empty()) {
    const auto s = parse_number<double>(duration_);
    if (!s || !(*s > 0 && *s <= 1e9)) throw UsageError("--duration '" + duration_ + "' is not valid; accepted: seconds above 0");
    options.duration_seconds = *s;
  }
  if (unbounded) {
    // The world starts on --start-date, else on the day the stream starts.
    if (!world_.start_date_given()) cfg.sim.start_day = options.start_at_ms ? local_day_of(*options.start_at_ms) : today_in_brasilia();
    cfg.sim.end_day = cfg.sim.start_day + kUnboundedTableDays;
    if (!spill_dir_.empty() && !cfg.rides())
      throw UsageError("--spill-dir applies to a stream with an --end-date, or with rides (--type rides or all); a stream of "
                       "transactions without an end keeps no files");
    if (!memory_.empty())
      throw UsageError("--memory applies to a stream with an --end-date; a stream without one computes each customer's "
                       "day on its own, in bounded memory");
  }
  if (!memory_.empty()) {
    const auto bytes = parse_byte_size(memory_);
    if (!bytes || *bytes < (1ULL << 20) || *bytes > (1ULL << 50))
      throw UsageError("--memory '" + memory_ + "' is not valid; accepted: a size from 1MiB, such as 512MiB or 4GiB");
    options.memory_bytes = *bytes;
  }
  if (!unbounded) {
    options.spill_dir = resolve_spill_folder(spill_dir_, "the stream");
    // A bounded stream's ride world keeps its riders there too, as generate does.
    if (cfg.rides()) cfg.spill_dir = options.spill_dir;
  } else if (cfg.rides()) {
    // Without an end, only the ride world keeps files: its riders, each block's days before and
    // the lines of the ride days being sent.
    options.spill_dir = cfg.spill_dir = resolve_spill_folder(spill_dir_, "the ride world's riders and the ride days being sent (about 1KB a customer)");
  }

  // The target is set up, and a broker must answer, before anything is simulated.
  std::unique_ptr<KafkaSink> kafka_sink;
  if (kafka) {
    KafkaSettings settings;
    settings.fast = options.pace.mode == Pace::Max || (options.pace.mode == Pace::Rate && options.pace.value >= 10'000) ||
                    options.pace.mode == Pace::Speed;
    settings.topic_prefix = topic_prefix_;
    settings.tables = streamed_tables(cfg);
    if (topic_prefix_.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-") != std::string::npos ||
        topic_prefix_.size() > 200)
      throw UsageError("--topic-prefix '" + topic_prefix_ + "' is not valid; accepted: letters, digits, '.', '_' and '-' "
                       "(Kafka topic names), at most 200");
    if (!flush_timeout_.empty()) {
      const auto s = parse_number<double>(flush_timeout_);
      if (!s || !(*s >= 0 && *s <= 86400))
        throw UsageError("--kafka-flush-timeout '" + flush_timeout_ + "' is not valid; accepted: seconds from 0 to 86400");
      settings.flush_timeout_seconds = *s;
    }
    try {
      if (!kafka_config_.empty()) settings.properties = read_kafka_config_file(kafka_config_);
      if (!brokers_.empty()) settings.properties.emplace_back("bootstrap.servers", brokers_);
      for (const std::string& p : kafka_properties_) {
        if (p == "dump") continue;
        const size_t eq = p.find('=');
        if (eq == std::string::npos || eq == 0)
          throw KafkaConfigError("-X '" + p.substr(0, p.find('=')) + "' is not key=value; accepted: -X property=value, "
                                 "e.g. -X compression.type=zstd");
        settings.properties.emplace_back(p.substr(0, eq), p.substr(eq + 1));
      }
      if (dump) {
        for (const auto& [k, v] : effective_kafka_config(settings)) std::printf("%s = %s\n", k.c_str(), v.c_str());
        return kExitOk;
      }
      kafka_sink = std::make_unique<KafkaSink>(settings);
      kafka_sink->connect(static_cast<int>(connect_timeout * 1000));
    } catch (const KafkaConfigError& e) {
      throw UsageError(e.what());
    }
  }

  std::unique_ptr<WebhookSink> webhook_sink;
  if (webhook) webhook_sink = make_webhook_sink(cfg, static_cast<int>(connect_timeout * 1000));

  // A reader that closes the pipe ends the stream; the write reports EPIPE instead of a signal.
  std::signal(SIGPIPE, SIG_IGN);
  std::atomic<bool> stop{false};
  InterruptWatcher interrupts(stop);
  const ReferenceData ref = ReferenceData::load();
  SimContext ctx(ref, cfg.sim);
  attach_rides(ctx, cfg);  // with rides, a rider's card and Pix rides are also their transactions
  const Plan plan = unbounded ? Plan{} : make_plan(ctx, cfg, false);
  // An unbounded stream's ride world holds its drivers; its riders and ride days' lines wait in --spill-dir.
  std::unique_ptr<const RideWorld> unbounded_rides;
  if (unbounded && cfg.rides()) {
    ensure_ride_spill_room(cfg.spill_dir, *cfg.customers, cfg.workers, cfg.sim.dispatch_area_drivers, RideSpillUse::UnboundedStream);
    unbounded_rides = std::make_unique<const RideWorld>(ctx, *ctx.ride_market(), *cfg.customers, cfg.workers, cfg.spill_dir);
  }
  // The spill holds the whole stream until it is sent: refuse at once when it cannot fit.
  struct statvfs fs {};
  const uint64_t spill_size = spill_bytes(plan), need = spill_size + spill_size / 10;
  const bool spills = !unbounded && stream_span_days(plan, cfg.sim.days(), options.memory_bytes) == 0;
  if (spills && ::statvfs(options.spill_dir.c_str(), &fs) == 0) {
    const uint64_t free_bytes = static_cast<uint64_t>(fs.f_bavail) * fs.f_frsize;
    if (free_bytes < need)
      throw UsageError("the stream needs about " + format_bytes(static_cast<double>(need)) + " in --spill-dir " + options.spill_dir.string() +
                       " (its events wait there in time order until they are sent), and " + format_bytes(static_cast<double>(free_bytes)) +
                       " is free; choose a folder with room, or fewer --customers or days");
  }
  StdoutSink stdout_sink;
  EventSink& sink = kafka_sink     ? static_cast<EventSink&>(*kafka_sink)
                    : webhook_sink ? static_cast<EventSink&>(*webhook_sink)
                                   : stdout_sink;
  StreamCounters counters;
  StreamOutcome r;
  {
    StreamProgress progress(counters, sink, options.progress);
    r = unbounded ? run_unbounded_stream(ctx, cfg.banking() ? *cfg.customers : 0, unbounded_rides.get(), options, sink, stop, counters)
                  : run_stream(ctx, plan, options, sink, stop, counters);
  }
  if (!quiet_) {
    std::string by_table;
    for (Table t : streamed_tables(cfg)) {
      by_table += std::string(by_table.empty() ? "" : ", ") + std::string(schema_of(t).name) + " " +
                  std::to_string(r.sent_by_table[static_cast<size_t>(t)]);
    }
    std::fprintf(stderr, "fraudgen stream: sent %llu events (%s), stopped by %s\n", static_cast<unsigned long long>(r.sent),
                 by_table.c_str(), r.end == StreamOutcome::ReaderClosed && target_ != "stdout" ? "the target failing (below)" : end_reason(r.end));
    const std::string total = unbounded ? "an unbounded stream from " + format_date(cfg.sim.start_day) : std::to_string(r.total_events);
    if (r.sent)
      std::fprintf(stderr, "  seq %llu to %llu of %s; simulated %s to %s\n", static_cast<unsigned long long>(r.first_seq),
                   static_cast<unsigned long long>(r.first_seq + r.sent - 1), total.c_str(),
                   format_timestamp_brt(r.first_sim_ms).c_str(), format_timestamp_brt(r.last_sim_ms).c_str());
    // The instant "now" stood for: where the schedule starts, and what to pass to --start-at to
    // stream the same events again.
    if (start_at_ == "now") std::fprintf(stderr, "  --start-at now was %s\n", format_timestamp_brt(*options.start_at_ms).c_str());
    const std::string how = !unbounded       ? r.method
                            : !cfg.rides()   ? "each customer's day on its own"
                            : cfg.banking()  ? "each customer's day on its own, the rides a day at a time"
                                             : "the rides a day at a time";
    std::fprintf(stderr, "  %.2f s preparing %llu customers (%s, %d worker%s), %.2f s sending (%.1f events/s); "
                         "the latest event left %.3f s after its due time\n",
                 r.prepare_seconds, static_cast<unsigned long long>(*cfg.customers), how.c_str(), cfg.workers, cfg.workers == 1 ? "" : "s", r.send_seconds,
                 r.send_seconds > 0 ? static_cast<double>(r.sent) / r.send_seconds : 0.0, r.max_lag_seconds);
    std::fprintf(stderr, "  sha256 of the lines sent: %s\n  seed %llu\n", r.sha256.c_str(),
                 static_cast<unsigned long long>(cfg.sim.seed));
    if (kafka_sink)
      std::fprintf(stderr, "  kafka %s: %llu delivered to %s*, %llu failed; %.2f s waiting on a full producer queue\n",
                   kafka_sink->bootstrap_servers().c_str(), static_cast<unsigned long long>(kafka_sink->delivered()),
                   topic_prefix_.c_str(), static_cast<unsigned long long>(kafka_sink->failed()), kafka_sink->queue_full_seconds());
  }
  if (webhook_sink) {
    if (!quiet_)
      std::fprintf(stderr, "  webhook: %llu events delivered in %llu requests (%llu retried), %llu not delivered\n",
                   static_cast<unsigned long long>(webhook_sink->delivered()), static_cast<unsigned long long>(webhook_sink->requests()),
                   static_cast<unsigned long long>(webhook_sink->retries()), static_cast<unsigned long long>(webhook_sink->undelivered()));
    if (webhook_sink->undelivered() || webhook_sink->delivered() != r.sent) {
      std::fprintf(stderr, "fraudgen: error: %llu of %llu events were not delivered to the webhook: %s\n",
                   static_cast<unsigned long long>(r.sent - std::min(r.sent, webhook_sink->delivered())),
                   static_cast<unsigned long long>(r.sent), webhook_sink->first_error().c_str());
      return kExitFailure;
    }
  }
  if (kafka_sink && (kafka_sink->failed() || kafka_sink->delivered() != r.sent)) {
    const uint64_t lost = r.sent - std::min(r.sent, kafka_sink->delivered());
    std::fprintf(stderr, "fraudgen: error: %llu of %llu events were not delivered to Kafka: %s\n",
                 static_cast<unsigned long long>(lost), static_cast<unsigned long long>(r.sent),
                 kafka_sink->first_error().empty() ? "no acknowledgement" : kafka_sink->first_error().c_str());
    return kExitFailure;
  }
  return r.end == StreamOutcome::Interrupted ? kExitInterrupted : kExitOk;
}

}  // namespace fraudgen
