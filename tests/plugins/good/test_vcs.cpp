// A workspace backend that makes plain directories, to prove the vcs kind loads and runs.
#include <gump/sdk.hpp>

#include <filesystem>

namespace fs = std::filesystem;

class DirVcs final : public gump::sdk::Vcs {
public:
    static constexpr gump::sdk::Info info{"test-vcs", "0.1.0",
                                          "Workspaces as plain directories (tests only)",
                                          R"({"type":"object","additionalProperties":false,
                                              "properties":{"root":{"type":"string"}}})"};

    DirVcs(gump::sdk::Host host, const boost::json::object& config) : Vcs(host) {
        if (auto* root = config.if_contains("root"))
            m_root = std::string(root->as_string());
        else
            m_root = this->host().temp_dir();
    }

    boost::json::object create_workspace(const boost::json::object& request) override {
        fs::path dir = m_root / std::string(request.at("run").as_string());
        if (fs::exists(dir))
            throw gump::sdk::Error(GUMP_ERR_FAILED, "workspace " + dir.string() + " exists");
        fs::create_directories(dir);
        return {{"path", dir.string()}};
    }

    boost::json::object list_workspaces(const boost::json::object&) override {
        boost::json::array runs;
        for (const auto& e : fs::directory_iterator(m_root))
            runs.push_back(boost::json::string(e.path().filename().string()));
        return {{"workspaces", runs}};
    }

private:
    fs::path m_root;
};

GUMP_PLUGINS(DirVcs)
