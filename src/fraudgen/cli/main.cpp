#include <CLI/CLI.hpp>

#include <cstdio>
#include <exception>

#include "fraudgen/cli/commands.h"
#include "fraudgen/core/scratch_file.h"
#include "fraudgen/version.h"

int main(int argc, char** argv) {
  using namespace fraudgen;
  CLI::App app{"fraudgen: synthetic Brazilian banking data with fraud labels"};
  app.set_version_flag("--version", std::string("fraudgen ") + kVersion + " (build " + kBuildId + ")");
  app.require_subcommand(1);
  GenerateCommand generate;
  SchemaCommand schema;
  ValidateCommand validate;
  FinalizeCommand finalize;
  PlanCommand plan;
  StreamCommand stream;
  ReportCommand report;
  CLI::App* generate_cmd = generate.attach(app);
  CLI::App* schema_cmd = schema.attach(app);
  CLI::App* validate_cmd = validate.attach(app);
  CLI::App* finalize_cmd = finalize.attach(app);
  CLI::App* plan_cmd = plan.attach(app);
  CLI::App* stream_cmd = stream.attach(app);
  CLI::App* report_cmd = report.attach(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::fprintf(stderr, "fraudgen: error: %s\nRun 'fraudgen --help' or 'fraudgen COMMAND --help' (generate, stream, plan, finalize, validate, report, schema) for the accepted flags.\n", e.what());
    return kExitUsage;
  }
  try {
    if (generate_cmd->parsed()) return generate.run();
    if (schema_cmd->parsed()) return schema.run();
    if (validate_cmd->parsed()) return validate.run();
    if (finalize_cmd->parsed()) return finalize.run();
    if (plan_cmd->parsed()) return plan.run();
    if (stream_cmd->parsed()) return stream.run();
    if (report_cmd->parsed()) return report.run();
  } catch (const UsageError& e) {
    std::fprintf(stderr, "fraudgen: error: %s\n", e.what());
    return kExitUsage;
  } catch (const ScratchRoomError& e) {  // found while planning, before anything is written
    std::fprintf(stderr, "fraudgen: error: %s\n", e.what());
    return kExitUsage;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "fraudgen: failed: %s\n", e.what());
    return kExitFailure;
  }
  return kExitUsage;
}
