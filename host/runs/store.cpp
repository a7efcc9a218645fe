#include "runs/store.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <tuple>
#include <unistd.h>

namespace gump::runs {

namespace fs = std::filesystem;
namespace json = boost::json;

namespace {

Expected<std::string> read_text(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) return Error{file.string() + ": cannot be read"};
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

} // namespace

Expected<void> write_atomically(const fs::path& file, const std::string& text) {
    std::error_code ec;
    fs::create_directories(file.parent_path(), ec);
    fs::path tmp = file;
    tmp += ".tmp." + std::to_string(getpid());
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        out << text;
        out.flush();
        if (!out) return Error{"cannot write " + tmp.string() + "; check the disk and permissions"};
    }
    fs::rename(tmp, file, ec);
    if (ec) {
        fs::remove(tmp, ec);
        return Error{"cannot replace " + file.string() + ": " + ec.message()};
    }
    return {};
}

RunStore::RunStore(fs::path gump_dir) : m_gump_dir(std::move(gump_dir)) {}

Expected<RunRecord> RunStore::load(const std::string& id) const {
    fs::path file = run_dir(id) / "run.json";
    if (!fs::exists(file)) return Error{"there is no run '" + id + "' in " + runs_dir().string()};
    auto text = read_text(file);
    if (!text) return text.error();
    boost::system::error_code ec;
    json::value value = json::parse(*text, ec);
    if (ec) return Error{file.string() + " is not valid JSON (" + ec.message() + ")"};
    auto record = record_from_json(value);
    if (!record) return Error{file.string() + " " + record.error().message};
    return record;
}

Expected<void> RunStore::save(const RunRecord& record) const {
    return write_atomically(run_dir(record.id) / "run.json",
                            json::serialize(to_json(record)) + "\n");
}

RunStore::Listing RunStore::list() const {
    Listing listing;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(runs_dir(), ec)) {
        if (!entry.is_directory()) continue;
        std::string id = entry.path().filename().string();
        auto record = load(id);
        if (record)
            listing.runs.push_back(std::move(*record));
        else
            listing.unreadable.push_back(record.error().message);
    }
    // Stamps sort as text; the id breaks ties between runs started in the same second.
    std::sort(listing.runs.begin(), listing.runs.end(), [](const auto& a, const auto& b) {
        return std::tie(a.created_at, a.id) > std::tie(b.created_at, b.id);
    });
    return listing;
}

Expected<void> RunStore::append_index(const RunRecord& r) const {
    json::object line{{"id", r.id},       {"created_at", r.created_at},  {"workflow", r.workflow},
                      {"spec", r.spec},   {"status", r.status},          {"cost_usd", r.cost_usd},
                      {"turns", r.turns}, {"duration_ms", r.duration_ms}};
    fs::path file = runs_dir() / "index.jsonl";
    std::error_code ec;
    fs::create_directories(runs_dir(), ec);
    std::ofstream out(file, std::ios::app | std::ios::binary);
    out << json::serialize(line) << "\n";
    if (!out) return Error{"cannot append to " + file.string()};
    return {};
}

Expected<size_t> RunStore::prune_index() const {
    fs::path file = runs_dir() / "index.jsonl";
    if (!fs::exists(file)) return size_t{0};
    auto text = read_text(file);
    if (!text) return text.error();
    std::istringstream in(*text);
    std::string kept;
    size_t dropped = 0;
    for (std::string line; std::getline(in, line);) {
        if (line.empty()) continue;
        boost::system::error_code ec;
        json::value value = json::parse(line, ec);
        const json::value* id =
            !ec && value.is_object() ? value.as_object().if_contains("id") : nullptr;
        bool gone = id && id->is_string() && !fs::exists(run_dir(std::string(id->as_string())));
        if (gone || !id) {
            ++dropped;
            continue;
        }
        kept += line + "\n";
    }
    if (dropped == 0) return dropped;
    if (auto written = write_atomically(file, kept); !written) return written.error();
    return dropped;
}

} // namespace gump::runs
