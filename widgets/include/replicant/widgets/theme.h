#pragma once

#include <QObject>
#include <QPalette>
#include <QString>
#include <QStringView>

#include <optional>

namespace replicant::widgets {

// The application's colour theme. Applies the Fusion style with a light or dark palette to the
// whole QApplication and tells listeners when the appearance changes. It does not persist the
// choice: the caller stores mode() (e.g. in QSettings) and restores it with setMode().
class Theme : public QObject {
    Q_OBJECT

public:
    enum class Mode { Light, Dark, System };
    Q_ENUM(Mode)

    // Requires a QApplication. Applies `mode` at once.
    explicit Theme(Mode mode = Mode::System, QObject* parent = nullptr);

    Mode mode() const { return m_mode; }
    // Whether the palette in force is the dark one (for System: what the platform prefers).
    bool isDark() const { return m_dark; }
    void setMode(Mode mode);

    static QPalette lightPalette();
    static QPalette darkPalette();
    // Whether the platform asks for a dark appearance.
    static bool systemPrefersDark();

    // Stable names for settings and the command line: "light", "dark", "system".
    static QString modeName(Mode mode);
    static std::optional<Mode> modeFromName(QStringView name);

signals:
    void modeChanged(replicant::widgets::Theme::Mode mode);
    // The palette was (re)applied; `dark` tells which one.
    void changed(bool dark);

private:
    void apply();

    Mode m_mode;
    bool m_dark = false;
};

}  // namespace replicant::widgets
