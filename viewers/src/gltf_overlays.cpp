// The renderer's overlays: grid, wireframe, vertex normals and bounding box, drawn as flat
// lines over the shaded scene.
#include <algorithm>
#include <climits>
#include <cmath>

#include "gltf_renderer.h"
#include "gltf_shaders.h"

namespace replicant::viewers::detail {

namespace {

// Lines of a square grid under the box, a little wider than it, with a round step (1, 2 or 5
// times a power of ten) of about a third of its half width.
std::vector<QVector3D> gridLines(const GltfBounds& box) {
    std::vector<QVector3D> lines;
    if (!box.valid)
        return lines;
    const QVector3D size = box.size();
    const float half = std::max({size.x(), size.z(), box.radius() * 0.5f, 1e-6f}) * 0.7f;
    const float rough = half / 3.0f;
    const float power = std::pow(10.0f, std::floor(std::log10(rough)));
    const float step = rough / power < 2 ? power : rough / power < 5 ? 2 * power : 5 * power;
    const int n = std::clamp(int(std::ceil(half / step)), 1, 50);
    const float y = box.min.y();
    const float cx = std::round(box.center().x() / step) * step;
    const float cz = std::round(box.center().z() / step) * step;
    const float extent = n * step;
    for (int i = -n; i <= n; ++i) {
        const float o = float(i) * step;
        lines.insert(lines.end(), {{cx + o, y, cz - extent}, {cx + o, y, cz + extent}});
        lines.insert(lines.end(), {{cx - extent, y, cz + o}, {cx + extent, y, cz + o}});
    }
    return lines;
}

std::vector<QVector3D> boxLines(const GltfBounds& b) {
    if (!b.valid)
        return {};
    auto corner = [&](int i) {
        return QVector3D(i & 1 ? b.max.x() : b.min.x(), i & 2 ? b.max.y() : b.min.y(),
                         i & 4 ? b.max.z() : b.min.z());
    };
    std::vector<QVector3D> lines;
    for (int i = 0; i < 8; ++i)
        for (int bit : {1, 2, 4})
            if (!(i & bit))
                lines.insert(lines.end(), {corner(i), corner(i | bit)});
    return lines;
}

void setColor(QOpenGLFunctions_3_3_Core* gl, int location, const QColor& c, float alpha) {
    gl->glUniform4f(location, float(c.redF()), float(c.greenF()), float(c.blueF()), alpha);
}

}  // namespace

void GltfRenderer::drawLines(const std::vector<QVector3D>& vertices, const QMatrix4x4& mvp,
                             const QColor& color) {
    if (vertices.empty())
        return;
    glUniformMatrix4fv(m_line.mvp, 1, GL_FALSE, mvp.constData());
    setColor(this, m_line.color, color, float(color.alphaF()));
    glBindVertexArray(m_linesVao);
    glBindBuffer(GL_ARRAY_BUFFER, m_linesBuffer);
    glBufferData(GL_ARRAY_BUFFER, GLsizeiptr(vertices.size() * sizeof(QVector3D)), vertices.data(),
                 GL_STREAM_DRAW);
    glDrawArrays(GL_LINES, 0, GLsizei(vertices.size()));
}

void GltfRenderer::drawOverlays(const RenderFrame& frame) {
    glUseProgram(m_lineProgram);
    const QMatrix4x4 viewProjection = frame.projection * frame.view;
    if (frame.grid) {
        QColor c = frame.overlay;
        c.setAlphaF(0.22f);
        drawLines(gridLines(frame.gridBounds), viewProjection, c);
    }
    if (frame.wireframe) {
        QColor c = frame.overlay;
        c.setAlphaF(0.8f);
        glPolygonMode(GL_FRONT_AND_BACK, GL_LINE);
        setColor(this, m_line.color, c, float(c.alphaF()));
        for (int node : m_scene->drawOrder) {
            const int mesh = m_scene->nodes[std::size_t(node)].mesh;
            if (mesh < 0)
                continue;
            glUniformMatrix4fv(m_line.mvp, 1, GL_FALSE,
                               (viewProjection * frame.world[std::size_t(node)]).constData());
            for (const GpuPrimitive& gpu : m_meshes[std::size_t(mesh)]) {
                if (gpu.mode != GL_TRIANGLES)
                    continue;
                glBindVertexArray(gpu.vao);
                if (gpu.indexBuffer)
                    glDrawElements(gpu.mode, gpu.count, GL_UNSIGNED_INT, nullptr);
                else
                    glDrawArrays(gpu.mode, 0, gpu.count);
            }
        }
        glPolygonMode(GL_FRONT_AND_BACK, GL_FILL);
    }
    if (frame.normals)
        drawNormals(frame);
    if (frame.boundingBox)
        drawLines(boxLines(frame.bounds), viewProjection, frame.accent);
}

void GltfRenderer::drawNormals(const RenderFrame& frame) {
    const QMatrix4x4 viewProjection = frame.projection * frame.view;
    // A length that reads at the scene's scale, whatever the mesh's own units.
    const float sceneRadius = std::max(frame.gridBounds.radius(), 1e-6f);
    setColor(this, m_line.color, frame.accent, 1.0f);
    for (int node : m_scene->drawOrder) {
        const int mesh = m_scene->nodes[std::size_t(node)].mesh;
        if (mesh < 0)
            continue;
        const QMatrix4x4& world = frame.world[std::size_t(node)];
        const float scale =
            std::max(world.mapVector(QVector3D(1, 1, 1)).length() / std::sqrt(3.0f), 1e-6f);
        glUniformMatrix4fv(m_line.mvp, 1, GL_FALSE, (viewProjection * world).constData());
        auto& gpus = m_meshes[std::size_t(mesh)];
        for (std::size_t i = 0; i < gpus.size(); ++i) {
            GpuPrimitive& gpu = gpus[i];
            const GltfPrimitive& p = m_scene->meshes[std::size_t(mesh)].primitives[i];
            if (gpu.normalsCount < 0) {  // built once, in the mesh's space
                const float length = sceneRadius * 0.04f / scale;
                std::vector<QVector3D> lines;
                lines.reserve(p.normals.size() * 2);
                for (std::size_t v = 0; v < p.normals.size(); ++v)
                    lines.insert(
                        lines.end(),
                        {p.positions[v], p.positions[v] + p.normals[v].normalized() * length});
                glGenVertexArrays(1, &gpu.normalsVao);
                glGenBuffers(1, &gpu.normalsBuffer);
                glBindVertexArray(gpu.normalsVao);
                glBindBuffer(GL_ARRAY_BUFFER, gpu.normalsBuffer);
                glBufferData(GL_ARRAY_BUFFER, GLsizeiptr(lines.size() * sizeof(QVector3D)),
                             lines.data(), GL_STATIC_DRAW);
                glVertexAttribPointer(kPositionLocation, 3, GL_FLOAT, GL_FALSE, 0, nullptr);
                glEnableVertexAttribArray(kPositionLocation);
                gpu.normalsCount = int(std::min<std::size_t>(lines.size(), INT_MAX));
            }
            if (gpu.normalsCount > 0) {
                glBindVertexArray(gpu.normalsVao);
                glDrawArrays(GL_LINES, 0, gpu.normalsCount);
            }
        }
    }
}

}  // namespace replicant::viewers::detail
