#pragma once

namespace replicant::ui {

class ApiClient;
class MainWindow;

// Opens the window's command palette (creating it the first time) with its pages at once, then
// the models and the recent predictions as they arrive from the API. Choosing an entry opens its
// location.
void openCommandPalette(MainWindow* window, ApiClient* client);

}  // namespace replicant::ui
