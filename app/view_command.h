#pragma once

namespace replicant::app {

// Whether the command line asks for the 3D viewer: `replicant view ...`.
bool isViewCommand(int argc, char** argv);

// Runs `replicant view [FILE] [options]`: the GLB/glTF viewer window, without the embedded
// backend (the viewer knows nothing of the platform). With --screenshot it renders FILE to a
// PNG and exits, for scripted and offline inspection. Returns the process's exit code.
int runViewCommand(int argc, char** argv);

}  // namespace replicant::app
