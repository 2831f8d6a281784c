#include "api/file_inputs.h"

#include <boost/json.hpp>

#include "runners/openapi.h"

namespace replicant::backend::api {

namespace json = boost::json;

std::vector<std::pair<std::string, std::string>> uriInputs(const json::object& openapi,
                                                           const json::object& input) {
    std::vector<std::pair<std::string, std::string>> out;
    const auto* props = runners::inputProperties(openapi);
    if (!props)
        return out;
    for (const auto& [name, schema] : *props) {
        const auto* value = input.if_contains(name);
        if (!value || !runners::isFileSchema(schema))
            continue;
        const std::string field = "input." + std::string(name);
        if (value->is_string()) {
            out.emplace_back(field, std::string(value->as_string()));
        } else if (value->is_array()) {
            for (const auto& item : value->as_array())
                if (item.is_string())
                    out.emplace_back(field, std::string(item.as_string()));
        }
    }
    return out;
}

void resolveFileInputs(core::FileService& files, util::ThreadPool& fetchers, std::int64_t accountId,
                       std::vector<std::pair<std::string, std::string>> inputs,
                       FileInputsDone done) {
    std::vector<FieldError> errors;
    std::vector<std::pair<std::string, std::string>> remote;
    std::map<std::string, std::string> bytes;
    for (auto& [field, uri] : inputs) {
        auto local = files.fetchInput(uri, accountId, /*allowNetwork=*/false);
        if (local)
            bytes.emplace(uri, std::move(*local));
        else if (uri.starts_with("http://") || uri.starts_with("https://"))
            remote.emplace_back(field, uri);
        else
            errors.push_back({"invalid_file", field, local.error().detail});
    }
    if (!errors.empty() || remote.empty())
        return done(std::move(errors), std::move(bytes));
    // Network fetches happen off the HTTP threads.
    fetchers.post([&files, accountId, remote = std::move(remote), bytes = std::move(bytes),
                   done = std::move(done)]() mutable {
        std::vector<FieldError> failures;
        for (const auto& [field, uri] : remote) {
            if (bytes.contains(uri))
                continue;
            auto fetched = files.fetchInput(uri, accountId, /*allowNetwork=*/true);
            if (fetched)
                bytes.emplace(uri, std::move(*fetched));
            else
                failures.push_back({"invalid_file", field, fetched.error().detail});
        }
        done(std::move(failures), std::move(bytes));
    });
}

}  // namespace replicant::backend::api
