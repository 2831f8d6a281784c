// replicant/ply-to-glb: converts a PLY point cloud or mesh to binary glTF.
#include <boost/json.hpp>

#include "runners/builtin/catalog.h"
#include "runners/builtin/glb.h"
#include "runners/builtin/inputs.h"
#include "runners/builtin/ply.h"
#include "runners/builtin/samples.h"
#include "runners/builtin/schema.h"

namespace replicant::backend::runners::builtin {

namespace json = boost::json;

namespace {

class PlyToGlb final : public Runner {
public:
    json::object openapiSchema() const override {
        CogInput in;
        in.file("ply_file",
                "PLY file (ASCII or binary): a point cloud, or a mesh with faces; vertex colours "
                "and normals are kept");
        in.boolean("normalize", "Centre the model and scale it to fit a 2-unit cube", false);
        in.boolean("compute_normals",
                   "Give meshes without normals smooth ones, so that they are lit smoothly", true);
        return in.openapi(fileOutput());
    }
    int concurrency() const override { return 2; }

    Result<json::value> predict(PredictContext& ctx) override {
        const std::string uri = stringInput(ctx, "ply_file");
        if (!ctx.fetchInput)
            return makeError(ErrorCode::Internal, "this runner cannot read file inputs");
        auto bytes = ctx.fetchInput(uri);
        if (!bytes)
            return bytes.error();
        auto mesh = readPly(*bytes, [&ctx] { return ctx.isCanceled(); });
        if (ctx.isCanceled())
            return makeError(ErrorCode::Internal, "canceled");
        if (!mesh)
            return mesh.error();
        ctx.log("read " + std::to_string(mesh->vertexCount()) + " vertices" +
                (mesh->points ? " (a point cloud)"
                              : ", " + std::to_string(mesh->indices.size() / 3) + " triangles") +
                (mesh->colors.empty() ? "" : ", with colours") + "\n");
        if (boolInput(ctx, "normalize"))
            normalizeExtent(*mesh);
        if (!mesh->points && mesh->normals.empty() && boolInput(ctx, "compute_normals", true))
            computeNormals(*mesh);
        mesh->name = "ply";
        mesh->doubleSided = !mesh->points;  // scans rarely have consistent winding
        return saveGlbOutput(ctx, *mesh);
    }
};

}  // namespace

BuiltinModel plyToGlbModel() {
    return BuiltinModel{
        "replicant",
        "ply-to-glb",
        "Converts a PLY point cloud or mesh to binary glTF (GLB)",
        "# ply-to-glb\n\n"
        "Converts a [PLY](https://paulbourke.net/dataformats/ply/) file, ASCII or binary (little "
        "or big endian), to GLB, the binary glTF that browsers, viewers and this app's 3D viewer "
        "show.\n\n"
        "- Vertices with `x`, `y`, `z`; optional `nx`, `ny`, `nz` normals; optional "
        "`red`/`green`/`blue` colours (8- or 16-bit, or floats in 0–1), converted from sRGB to "
        "the linear colours glTF stores.\n"
        "- Faces from `vertex_indices` (or `vertex_index`) lists; polygons are split into "
        "triangles. A file without faces becomes a glTF point cloud.\n"
        "- `normalize` centres the model in a 2-unit cube; `compute_normals` gives meshes "
        "without normals smooth ones.\n\n"
        "A file conversion, no machine learning. Up to 20 million vertices and faces.\n",
        "",
        "cpu",
        "",
        json::object{{"ply_file", samplePlyDataUri()}},
        std::make_shared<PlyToGlb>()};
}

}  // namespace replicant::backend::runners::builtin
