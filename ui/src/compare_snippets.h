#pragma once

namespace replicant::ui {

class ApiClient;
class CompareColumn;

// Gives a comparison cell a "Code" tab beside its output: the code that runs the cell's model and
// version with the cell's inputs (shared and its own), following them as they change.
void addCodeTab(CompareColumn* column, ApiClient* client);

}  // namespace replicant::ui
