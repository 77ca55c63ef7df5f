<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de" sourcelanguage="en">
<context>
    <name>AppSettings</name>
    <message>
        <location filename="../core/service/appsettings.cpp" line="+34"/>
        <source>HTTPS needs both a certificate file and a private key file.</source>
        <translation>HTTPS braucht sowohl eine Zertifikatsdatei als auch eine Datei mit dem privaten Schlüssel.</translation>
    </message>
</context>
<context>
    <name>ChannelTableModel</name>
    <message>
        <location filename="../ui/inspector/channeltablemodel.cpp" line="+58"/>
        <location line="+2"/>
        <source>%1 (%2 ms)</source>
        <translation>%1 (%2 ms)</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>none</source>
        <translation>keiner</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Channel</source>
        <translation>Kanal</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Items</source>
        <translation>Einträge</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Bytes</source>
        <translation>Bytes</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>First item (%1)</source>
        <translation>Erster Eintrag (%1)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last item (%1)</source>
        <translation>Letzter Eintrag (%1)</translation>
    </message>
</context>
<context>
    <name>ChartPanel</name>
    <message>
        <location filename="../ui/charts/chartpanel.cpp" line="+53"/>
        <source>Timeline</source>
        <translation>Zeitleiste</translation>
    </message>
    <message>
        <location filename="../ui/charts/chartpanelcontrols.cpp" line="+43"/>
        <location line="+2"/>
        <source>Filter series</source>
        <translation>Reihen filtern</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Series</source>
        <translation>Reihen</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>10 s</source>
        <translation>10 s</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>1 min</source>
        <translation>1 min</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>5 min</source>
        <translation>5 min</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>1 h</source>
        <translation>1 h</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Whole history</source>
        <translation>Gesamter Verlauf</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>How much of the recent past the charts show</source>
        <translation>Wie viel der jüngsten Vergangenheit die Diagramme zeigen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Window:</source>
        <translation>&amp;Zeitfenster:</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Pause</source>
        <translation>Pa&amp;use</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Freeze the view; data keeps arriving</source>
        <translation>Ansicht einfrieren; Daten kommen weiter an</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Reset view</source>
        <translation>Ansicht zu&amp;rücksetzen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Follow now with the chosen window (Home)</source>
        <translation>Mit dem gewählten Zeitfenster der Gegenwart folgen (Pos1)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Add p&amp;lot</source>
        <translation>Dia&amp;gramm hinzufügen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A new plot pane under the current one (split it from a plot&apos;s menu)</source>
        <translation>Ein neues Diagramm unter dem aktuellen (teilen über das Menü eines Diagramms)</translation>
    </message>
</context>
<context>
    <name>Cli</name>
    <message>
        <location filename="../app/subcommands.cpp" line="+40"/>
        <source>Run &apos;syncstreamer %1 --help&apos; for usage.</source>
        <translation>Aufruf: siehe &apos;syncstreamer %1 --help&apos;.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>%1: error at byte %2</source>
        <translation>%1: Fehler bei Byte %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: error</source>
        <translation>%1: Fehler</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Field order of the metadata records: documented, reference or auto (guess from which string looks like a MIME type). Default: auto.</source>
        <translation>Feldreihenfolge der Metadatensätze: documented, reference oder auto (danach raten, welche Zeichenkette wie ein MIME-Typ aussieht). Standard: auto.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Field order of the metadata records: documented or reference. Default: the JSON&apos;s &quot;layout&quot; member, else documented.</source>
        <translation>Feldreihenfolge der Metadatensätze: documented oder reference. Standard: das Feld „layout“ des JSON, sonst documented.</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>missing file argument</source>
        <translation>Dateiargument fehlt</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>unexpected argument &apos;%1&apos;</source>
        <translation>unerwartetes Argument &apos;%1&apos;</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>unknown layout &apos;%1&apos;: use documented, reference or auto</source>
        <translation>unbekanntes Layout &apos;%1&apos;: documented, reference oder auto verwenden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>unknown layout &apos;%1&apos;: use documented or reference</source>
        <translation>unbekanntes Layout &apos;%1&apos;: documented oder reference verwenden</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Prints a summary of a TimeFrame file: version, layout, time range, channels and items.</source>
        <translation>Gibt eine Übersicht einer TimeFrame-Datei aus: Version, Layout, Zeitraum, Kanäle und Einträge.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Prints a TimeFrame file as JSON on standard output; item data is base64. &apos;syncstreamer encode&apos; reads this form back.</source>
        <translation>Gibt eine TimeFrame-Datei als JSON auf der Standardausgabe aus; die Daten der Einträge sind Base64. &apos;syncstreamer encode&apos; liest diese Form wieder ein.</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+29"/>
        <source>The command.</source>
        <translation>Der Befehl.</translation>
    </message>
    <message>
        <location line="-28"/>
        <source>The TimeFrame file to read.</source>
        <translation>Die zu lesende TimeFrame-Datei.</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Writes the TimeFrame file described by a JSON file in the form &apos;syncstreamer decode&apos; prints. The output file is replaced atomically: it is either the whole new frame or left as it was.</source>
        <translation>Schreibt die TimeFrame-Datei, die eine JSON-Datei in der Form von &apos;syncstreamer decode&apos; beschreibt. Die Ausgabedatei wird atomar ersetzt: Sie enthält entweder das ganze neue Frame oder bleibt, wie sie war.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The JSON file to read.</source>
        <translation>Die zu lesende JSON-Datei.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The TimeFrame file to write.</source>
        <translation>Die zu schreibende TimeFrame-Datei.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>missing output file: give it with -o OUT.tf</source>
        <translation>Ausgabedatei fehlt: mit -o AUS.tf angeben</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>unknown command</source>
        <translation>unbekannter Befehl</translation>
    </message>
</context>
<context>
    <name>Display</name>
    <message>
        <location filename="../app/display.cpp" line="+38"/>
        <source>syncstreamer: no display found (neither DISPLAY nor WAYLAND_DISPLAY nor QT_QPA_PLATFORM is set), so the window cannot open.
Run &apos;syncstreamer --headless&apos; to run the server without a window, or &apos;syncstreamer --help&apos; for the commands that need no display.
</source>
        <translation>syncstreamer: keine Anzeige gefunden (weder DISPLAY noch WAYLAND_DISPLAY noch QT_QPA_PLATFORM ist gesetzt), daher kann sich das Fenster nicht öffnen.
&apos;syncstreamer --headless&apos; startet den Server ohne Fenster, &apos;syncstreamer --help&apos; nennt die Befehle, die keine Anzeige brauchen.
</translation>
    </message>
</context>
<context>
    <name>Engine</name>
    <message>
        <location filename="../core/engine/openframe.cpp" line="+36"/>
        <source>Storage unavailable: the event cannot be kept (%1).</source>
        <translation>Speicher nicht verfügbar: Das Ereignis kann nicht aufbewahrt werden (%1).</translation>
    </message>
</context>
<context>
    <name>Engine::Archive</name>
    <message>
        <location filename="../core/engine/archive.cpp" line="+92"/>
        <source>Cannot create the data directory %1.</source>
        <translation>Das Datenverzeichnis %1 kann nicht angelegt werden.</translation>
    </message>
    <message>
        <location line="+65"/>
        <source>Cannot sync the data directory %1: %2</source>
        <translation>Das Datenverzeichnis %1 kann nicht synchronisiert werden: %2</translation>
    </message>
    <message>
        <location filename="../core/engine/recovery.cpp" line="+29"/>
        <source>Cannot write %1: the file came out %2 of %3 bytes long.</source>
        <translation>%1 kann nicht geschrieben werden: die Datei ist %2 statt %3 Bytes lang.</translation>
    </message>
</context>
<context>
    <name>Engine::DataDirLock</name>
    <message>
        <location filename="../core/engine/datadirlock.cpp" line="+69"/>
        <location line="+22"/>
        <source>Cannot lock the data directory %1.</source>
        <translation>Das Datenverzeichnis %1 kann nicht gesperrt werden.</translation>
    </message>
    <message>
        <location line="-11"/>
        <source>The data directory %1 is in use by another SyncStreamer (process %2 on %3); choose another directory or stop that one first.</source>
        <translation>Das Datenverzeichnis %1 wird von einem anderen SyncStreamer benutzt (Prozess %2 auf %3); wählen Sie ein anderes Verzeichnis oder beenden Sie jenen zuerst.</translation>
    </message>
</context>
<context>
    <name>Engine::EngineConfig</name>
    <message>
        <location filename="../core/engine/engineconfig.cpp" line="+77"/>
        <source>The frame duration must be at least %1 ms.</source>
        <translation>Die Framedauer muss mindestens %1 ms betragen.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The history must not be negative.</source>
        <translation>Der Verlauf darf nicht negativ sein.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Retention limits must not be negative (0 means no limit).</source>
        <translation>Aufbewahrungsgrenzen dürfen nicht negativ sein (0 bedeutet unbegrenzt).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The fsync interval must be at least 1 ms.</source>
        <translation>Das fsync-Intervall muss mindestens 1 ms betragen.</translation>
    </message>
</context>
<context>
    <name>Engine::FrameBuilder</name>
    <message>
        <location filename="../core/engine/framebuilder.cpp" line="+63"/>
        <source>Invalid channel id: it must be 1 to %1 bytes of UTF-8 without control characters.</source>
        <translation>Ungültige Kanal-ID: Sie muss 1 bis %1 Bytes UTF-8 ohne Steuerzeichen lang sein.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The timestamp %1 is outside the open frame [%2, %3).</source>
        <translation>Der Zeitstempel %1 liegt außerhalb des offenen Frames [%2, %3).</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Type conflict on channel &quot;%1&quot;: it has the type %2 in the open frame, the event has the type %3.</source>
        <translation>Typkonflikt auf Kanal „%1“: Im offenen Frame hat er den Typ %2, das Ereignis hat den Typ %3.</translation>
    </message>
</context>
<context>
    <name>Engine::FrameEngine</name>
    <message>
        <location filename="../core/engine/frameengine.cpp" line="+250"/>
        <source>The engine is not running.</source>
        <translation>Die Engine läuft nicht.</translation>
    </message>
</context>
<context>
    <name>Engine::JournalWriter</name>
    <message>
        <location filename="../core/engine/journalwriter.cpp" line="+87"/>
        <location line="+9"/>
        <source>Cannot create the journal</source>
        <translation>Das Journal kann nicht angelegt werden</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+47"/>
        <location line="+9"/>
        <location line="+12"/>
        <location line="+4"/>
        <location line="+16"/>
        <source>Cannot write the journal</source>
        <translation>Das Journal kann nicht geschrieben werden</translation>
    </message>
    <message>
        <location line="-73"/>
        <source>Cannot open the journal</source>
        <translation>Das Journal kann nicht geöffnet werden</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Cannot cut the journal</source>
        <translation>Das Journal kann nicht gekürzt werden</translation>
    </message>
    <message>
        <location line="+114"/>
        <location line="+7"/>
        <source>Cannot sync the journal</source>
        <translation>Das Journal kann nicht synchronisiert werden</translation>
    </message>
</context>
<context>
    <name>Engine::OpenFrame</name>
    <message>
        <location filename="../core/engine/openframe.cpp" line="+242"/>
        <source>The engine is not running.</source>
        <translation>Die Engine läuft nicht.</translation>
    </message>
</context>
<context>
    <name>EngineOptions</name>
    <message>
        <location filename="../core/service/optiontable.cpp" line="+256"/>
        <location line="+58"/>
        <source>duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <location line="-57"/>
        <source>Length of a time frame (ms, or with a unit: 500ms, 10s, 1min; at least 100 ms). Default: %1 ms.</source>
        <translation>Länge eines Zeit-Frames (ms oder mit Einheit: 500ms, 10s, 1min; mindestens 100 ms). Standard: %1 ms.</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+27"/>
        <source>count</source>
        <translation>Anzahl</translation>
    </message>
    <message>
        <location line="-26"/>
        <source>Finished frames kept in memory. Default: %1.</source>
        <translation>Im Speicher gehaltene abgeschlossene Frames. Standard: %1.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>path</source>
        <translation>Pfad</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Directory for archived frames and the journal. Default: %1.</source>
        <translation>Verzeichnis für archivierte Frames und das Journal. Standard: %1.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Keep at most this many archived frames, 0 for no limit. Default: %1.</source>
        <translation>Höchstens so viele archivierte Frames behalten, 0 für unbegrenzt. Standard: %1.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keep at most this many bytes of archived frames (k, M, G), 0 for no limit. Default: 1G.</source>
        <translation>Höchstens so viele Bytes archivierter Frames behalten (k, M, G), 0 für unbegrenzt. Standard: 1G.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Remove archived frames older than this (10min, 24h, 7d), 0 for no limit. Default: 24h.</source>
        <translation>Archivierte Frames entfernen, die älter sind (10min, 24h, 7d), 0 für unbegrenzt. Standard: 24h.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>policy</source>
        <translation>Regel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>When the journal is synced to disk: always, interval (every %1 ms) or never. Default: interval.</source>
        <translation>Wann das Journal auf die Platte synchronisiert wird: always (immer), interval (alle %1 ms) oder never (nie). Standard: interval.</translation>
    </message>
</context>
<context>
    <name>ExportController</name>
    <message numerus="yes">
        <location filename="../ui/files/exportcontroller.cpp" line="+34"/>
        <source>Exporting %n frame(s)…</source>
        <translation>
            <numerusform>Exportiere %n Frame…</numerusform>
            <numerusform>Exportiere %n Frames…</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export</source>
        <translation>Export</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Export cancelled; nothing was written.</source>
        <translation>Export abgebrochen; nichts wurde geschrieben.</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+4"/>
        <source>Export failed</source>
        <translation>Export fehlgeschlagen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Exported to %1</source>
        <translation>Exportiert nach %1</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Exported %n file(s)</source>
        <translation>
            <numerusform>%n Datei exportiert</numerusform>
            <numerusform>%n Dateien exportiert</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../ui/files/exportdialog.cpp" line="+73"/>
        <source>Export Frames</source>
        <translation>Frames exportieren</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>&amp;Selected frames (%n)</source>
        <translation>
            <numerusform>&amp;Ausgewähltes Frame (%n)</numerusform>
            <numerusform>&amp;Ausgewählte Frames (%n)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+94"/>
        <source>Time &amp;range:</source>
        <translation>&amp;Zeitraum:</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>From</source>
        <translation>Von</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To</source>
        <translation>Bis</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>to</source>
        <translation>bis</translation>
    </message>
    <message>
        <location line="-105"/>
        <source>One file &amp;per frame into a folder</source>
        <translation>Eine Datei &amp;pro Frame in einen Ordner</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>One &amp;merged file (channels joined, items in time order)</source>
        <translation>Alles in einer &amp;Datei (Kanäle vereint, Einträge in zeitlicher Reihenfolge)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>TimeFrame (.tf)</source>
        <translation>TimeFrame (.tf)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CSV, one row per item (.csv)</source>
        <translation>CSV, eine Zeile pro Eintrag (.csv)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>JSON, as syncstreamer decode prints it (.json)</source>
        <translation>JSON, wie syncstreamer decode es ausgibt (.json)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>…</source>
        <translation>…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose where to write</source>
        <translation>Ziel wählen</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;Format:</source>
        <translation>&amp;Format:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Metadata la&amp;yout:</source>
        <translation>Metadaten-La&amp;yout:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Wri&amp;te to:</source>
        <translation>&amp;Schreiben nach:</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Export</source>
        <translation>&amp;Exportieren</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Frames:</source>
        <translation>Frames:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Files:</source>
        <translation>Dateien:</translation>
    </message>
    <message>
        <location line="+180"/>
        <source>Export into folder</source>
        <translation>In Ordner exportieren</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Export to file</source>
        <translation>In Datei exportieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 files (*.%2)</source>
        <translation>%1-Dateien (*.%2)</translation>
    </message>
</context>
<context>
    <name>FrameExporter</name>
    <message>
        <location filename="../ui/files/frameexporter.cpp" line="+38"/>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Frame %1 is no longer retained.</source>
        <translation>Frame %1 wird nicht mehr aufbewahrt.</translation>
    </message>
    <message>
        <location line="+169"/>
        <location line="+79"/>
        <source>the folder cannot be created</source>
        <translation>der Ordner kann nicht angelegt werden</translation>
    </message>
    <message>
        <location line="-36"/>
        <source>it cannot be moved into place</source>
        <translation>sie kann nicht an ihren Platz verschoben werden</translation>
    </message>
</context>
<context>
    <name>FrameFetcher</name>
    <message>
        <location filename="../ui/frames/framefetcher.cpp" line="+28"/>
        <source>frame %1 (live)</source>
        <translation>Frame %1 (live)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>frame %1</source>
        <translation>Frame %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Frame %1 is no longer retained.</source>
        <translation>Frame %1 wird nicht mehr aufbewahrt.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>the layout the engine writes</source>
        <translation>das Layout, das die Engine schreibt</translation>
    </message>
</context>
<context>
    <name>FrameHeaderPanel</name>
    <message>
        <location filename="../ui/inspector/frameheaderpanel.cpp" line="+15"/>
        <source>Frame</source>
        <translation>Frame</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Source:</source>
        <translation>Quelle:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start:</source>
        <translation>Beginn:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>End:</source>
        <translation>Ende:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Duration:</source>
        <translation>Dauer:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Layout:</source>
        <translation>Layout:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Size:</source>
        <translation>Größe:</translation>
    </message>
    <message>
        <location line="+18"/>
        <location line="+1"/>
        <source>%1 (%2 ms)</source>
        <translation>%1 (%2 ms)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1, guessed: %2</source>
        <translation>%1, geraten: %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1, guessed without certainty: %2</source>
        <translation>%1, ohne Gewissheit geraten: %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 bytes: %2 channels, %3 items, version %4</source>
        <translation>%1 Bytes: %2 Kanäle, %3 Einträge, Version %4</translation>
    </message>
</context>
<context>
    <name>FrameImporter</name>
    <message>
        <location filename="../ui/files/frameimporter.cpp" line="+13"/>
        <source>%1 is not a valid TimeFrame file: at byte %2, %3</source>
        <translation>%1 ist keine gültige TimeFrame-Datei: bei Byte %2, %3</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 could not be opened: %2</source>
        <translation>%1 konnte nicht geöffnet werden: %2</translation>
    </message>
</context>
<context>
    <name>FrameInspector</name>
    <message>
        <location filename="../ui/inspector/frameinspector.cpp" line="+53"/>
        <source>No frame selected.

Pick a frame in a list, use File → Open TimeFrame… (%1) or drop .tf files here.</source>
        <translation>Kein Frame ausgewählt.

Wählen Sie ein Frame in einer Liste, verwenden Sie Datei → TimeFrame öffnen… (%1) oder legen Sie .tf-Dateien hier ab.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Items</source>
        <translation>Einträge</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Item preview</source>
        <translation>Vorschau des Eintrags</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Select an item to see its payload.</source>
        <translation>Wählen Sie einen Eintrag, um seine Nutzdaten zu sehen.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Channels</source>
        <translation>Kanäle</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Channels</source>
        <translation>&amp;Kanäle</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Items</source>
        <translation>&amp;Einträge</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>C&amp;harts</source>
        <translation>Dia&amp;gramme</translation>
    </message>
</context>
<context>
    <name>FrameListModel</name>
    <message>
        <location filename="../ui/frames/framelistmodel.cpp" line="+134"/>
        <source>● live</source>
        <translation>● live</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>The open frame %1, still collecting events</source>
        <translation>Das offene Frame %1, es sammelt noch Ereignisse</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Frame %1</source>
        <translation>Frame %1</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Frame</source>
        <translation>Frame</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Start</source>
        <translation>Beginn</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>End</source>
        <translation>Ende</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Channels</source>
        <translation>Kanäle</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Items</source>
        <translation>Einträge</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
</context>
<context>
    <name>Headless</name>
    <message>
        <location filename="../core/service/optionparsing.cpp" line="+19"/>
        <source>Run the engine and the HTTP server without a window until SIGTERM or SIGINT.</source>
        <translation>Engine und HTTP-Server ohne Fenster ausführen, bis SIGTERM oder SIGINT eintrifft.</translation>
    </message>
    <message>
        <location filename="../core/service/optiontable.cpp" line="-298"/>
        <source>HTTP port, 0 for any free one. Default: %1, or the SYNCSTREAMER_PORT or PORT environment variable.</source>
        <translation>HTTP-Port, 0 für einen beliebigen freien. Standard: %1 oder die Umgebungsvariable SYNCSTREAMER_PORT bzw. PORT.</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>port</source>
        <translation>Port</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Address to listen on. Default: all interfaces (IPv4 and IPv6).</source>
        <translation>Adresse, auf der gelauscht wird. Standard: alle Schnittstellen (IPv4 und IPv6).</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Bearer token every POST must carry. Default: the SYNCSTREAMER_TOKEN environment variable; without a token only this computer may post.</source>
        <translation>Bearer-Token, das jeder POST mitführen muss. Standard: die Umgebungsvariable SYNCSTREAMER_TOKEN; ohne Token darf nur dieser Rechner senden.</translation>
    </message>
    <message>
        <location line="-1"/>
        <location line="+13"/>
        <source>token</source>
        <translation>Token</translation>
    </message>
    <message>
        <location line="-25"/>
        <source>Read the POST token from the first line of this file.</source>
        <translation>Das POST-Token aus der ersten Zeile dieser Datei lesen.</translation>
    </message>
    <message>
        <location line="-1"/>
        <location line="+37"/>
        <location line="+11"/>
        <location line="+114"/>
        <source>file</source>
        <translation>Datei</translation>
    </message>
    <message>
        <location line="-135"/>
        <source>Bearer token every read must carry too. Default: none, reads are open (GET /healthz always is).</source>
        <translation>Bearer-Token, das auch jeder Lesezugriff mitführen muss. Standard: keines, Lesen ist frei (GET /healthz immer).</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>PEM certificate (chain): serve HTTPS instead of HTTP, with --tls-key. Clients are not asked for certificates. Default: plain HTTP.</source>
        <translation>PEM-Zertifikat(skette): HTTPS statt HTTP anbieten, zusammen mit --tls-key. Clients werden nicht nach Zertifikaten gefragt. Standard: einfaches HTTP.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>PEM private key (RSA or EC) of --tls-cert.</source>
        <translation>Privater PEM-Schlüssel (RSA oder EC) zu --tls-cert.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Origins (scheme://host[:port]) whose web pages may post events, besides the server&apos;s own; with --read-token also read. Repeatable or comma-separated; * for any. Default: none.</source>
        <translation>Origins (schema://host[:port]), deren Webseiten außer denen des Servers selbst Ereignisse senden dürfen; mit --read-token auch lesen. Mehrfach oder durch Kommas getrennt; * für alle. Standard: keine.</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>origins</source>
        <translation>Origins</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Host names to answer for besides localhost and this computer&apos;s names and addresses (a reverse proxy&apos;s public name). Repeatable or comma-separated; * for any. Default: none.</source>
        <translation>Hostnamen, für die der Server außer localhost und den Namen und Adressen dieses Computers antwortet (der öffentliche Name eines Reverse-Proxys). Mehrfach oder durch Kommas getrennt; * für alle. Standard: keine.</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>hosts</source>
        <translation>Hosts</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Frames listed by GET /frame without from, to or limit. Default: %1.</source>
        <translation>Von GET /frame ohne from, to oder limit gelistete Frames. Standard: %1.</translation>
    </message>
    <message>
        <location line="-1"/>
        <location line="+15"/>
        <location line="+5"/>
        <location line="+17"/>
        <source>count</source>
        <translation>Anzahl</translation>
    </message>
    <message>
        <location line="-31"/>
        <source>Largest request body (k, M, G); larger ones get 413 before they are read. Default: 16M.</source>
        <translation>Größter Anfragerumpf (k, M, G); größere erhalten 413, bevor sie gelesen werden. Standard: 16M.</translation>
    </message>
    <message>
        <location line="-1"/>
        <location line="+5"/>
        <source>size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unsent live-feed bytes of all GET /events subscribers together (k, M, G); beyond it the slowest subscribers are disconnected. Default: 64M.</source>
        <translation>Noch nicht gesendete Bytes des Live-Feeds aller GET-/events-Abonnenten zusammen (k, M, G); darüber hinaus werden die langsamsten Abonnenten getrennt. Standard: 64M.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Open HTTP connections at most; more get 503. Default: %1.</source>
        <translation>Höchstzahl offener HTTP-Verbindungen; weitere erhalten 503. Standard: %1.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Open HTTP connections from one client address at most; more get 503. Default: %1.</source>
        <translation>Höchstzahl offener HTTP-Verbindungen von einer Clientadresse; weitere erhalten 503. Standard: %1.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Close connections idle this long (ms, or with a unit). Default: 30s.</source>
        <translation>Verbindungen schließen, die so lange untätig sind (ms oder mit Einheit). Standard: 30s.</translation>
    </message>
    <message>
        <location line="-1"/>
        <location line="+5"/>
        <source>duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A request head must arrive whole this long after its first byte (ms, or with a unit); later gets 408. Default: 10s.</source>
        <translation>So lange nach seinem ersten Byte muss ein Anfragekopf vollständig angekommen sein (ms oder mit Einheit); später gibt 408. Standard: 10s.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Threads serving HTTP. Default: one per core.</source>
        <translation>Threads, die HTTP bedienen. Standard: einer pro Kern.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>url</source>
        <translation>URL</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Subscribe to an MQTT broker: mqtt[s]://[user:pass@]host[:port]/FILTER[,FILTER...]; each message becomes an event on a channel named after its topic. Repeatable. Default: none.</source>
        <translation>Einen MQTT-Broker abonnieren: mqtt[s]://[user:pass@]host[:port]/FILTER[,FILTER...]; jede Nachricht wird ein Ereignis auf einem nach ihrem Topic benannten Kanal. Wiederholbar. Standard: keiner.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Member of a JSON payload that holds the event&apos;s time (UNIX ms or ISO 8601). Default: none, the arrival time.</source>
        <translation>Feld einer JSON-Nutzlast, das die Zeit des Ereignisses enthält (UNIX-ms oder ISO 8601). Standard: keines, die Ankunftszeit.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>CA certificates (PEM) that sign an mqtts:// broker&apos;s certificate. Default: the system&apos;s.</source>
        <translation>CA-Zertifikate (PEM), die das Zertifikat eines mqtts://-Brokers signieren. Standard: die des Systems.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>qos</source>
        <translation>QoS</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>QoS of the MQTT subscriptions: 0 or 1. Default: 1.</source>
        <translation>QoS der MQTT-Abonnements: 0 oder 1. Standard: 1.</translation>
    </message>
    <message>
        <location line="+99"/>
        <source>Metadata layout of the frames written and served at /{id}: documented or reference (the original Go server&apos;s; its path /frame/{id} always serves that one). Default: documented.</source>
        <translation>Metadaten-Layout der geschriebenen und unter /{id} ausgelieferten Frames: documented oder reference (das des ursprünglichen Go-Servers; dessen Pfad /frame/{id} liefert immer dieses). Standard: documented.</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>layout</source>
        <translation>Layout</translation>
    </message>
    <message>
        <location filename="../core/service/optionbuilders_p.h" line="+37"/>
        <source>Invalid value &quot;%1&quot; for --%2.</source>
        <translation>Ungültiger Wert „%1“ für --%2.</translation>
    </message>
    <message>
        <location filename="../core/service/optiontable.cpp" line="-302"/>
        <source>Invalid port &quot;%1&quot; (from %2).</source>
        <translation>Ungültiger Port „%1“ (aus %2).</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Cannot read --token-file %1: %2</source>
        <translation>--token-file %1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>--token-file %1 holds no token.</source>
        <translation>--token-file %1 enthält kein Token.</translation>
    </message>
    <message>
        <location filename="../app/headless.cpp" line="+102"/>
        <source>Serving %1 from %2 (data in %3); stop with Ctrl+C or SIGTERM.
</source>
        <translation>Stelle %1 mit %2 bereit (Daten in %3); beenden mit Strg+C oder SIGTERM.
</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>port %1 of %2</source>
        <translation>Port %1 von %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>1 thread</source>
        <translation>1 Thread</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 threads</source>
        <translation>%1 Threads</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <location filename="../ui/files/importdialog.cpp" line="+10"/>
        <source>Open TimeFrames</source>
        <translation>TimeFrames öffnen</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>TimeFrame files (*.tf)</source>
        <translation>TimeFrame-Dateien (*.tf)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>All files (*)</source>
        <translation>Alle Dateien (*)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Layout:</source>
        <translation>&amp;Layout:</translation>
    </message>
</context>
<context>
    <name>Ingest</name>
    <message>
        <location filename="../core/ingest/mqttoptions.cpp" line="+46"/>
        <source>--mqtt %1: the URL must start with mqtt:// or mqtts://</source>
        <translation>--mqtt %1: die URL muss mit mqtt:// oder mqtts:// beginnen</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>--mqtt %1: the broker&apos;s host is missing or malformed</source>
        <translation>--mqtt %1: der Host des Brokers fehlt oder ist fehlerhaft</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>--mqtt %1: the port is malformed</source>
        <translation>--mqtt %1: der Port ist fehlerhaft</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>--mqtt %1: &quot;%2&quot; is not a valid topic filter</source>
        <translation>--mqtt %1: „%2“ ist kein gültiger Topic-Filter</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>--mqtt %1: name at least one topic filter after the broker, such as mqtt://host:1883/sensors/#</source>
        <translation>--mqtt %1: nennen Sie nach dem Broker mindestens einen Topic-Filter, etwa mqtt://host:1883/sensors/#</translation>
    </message>
</context>
<context>
    <name>Ingest::LineProtocol</name>
    <message>
        <location filename="../core/ingest/lineprotocol.cpp" line="+390"/>
        <source>the field &quot;%1&quot; is not an integer: %2</source>
        <translation>das Feld „%1“ ist keine ganze Zahl: %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the field &quot;%1&quot; is not an unsigned integer: %2</source>
        <translation>das Feld „%1“ ist keine vorzeichenlose ganze Zahl: %2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>the integer field &quot;%1&quot; is out of range: %2</source>
        <translation>das ganzzahlige Feld „%1“ liegt außerhalb des Bereichs: %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the unsigned field &quot;%1&quot; is out of range: %2</source>
        <translation>das vorzeichenlose Feld „%1“ liegt außerhalb des Bereichs: %2</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+5"/>
        <source>the field &quot;%1&quot; has an invalid value: %2</source>
        <translation>das Feld „%1“ hat einen ungültigen Wert: %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the float field &quot;%1&quot; is out of range: %2</source>
        <translation>das Gleitkommafeld „%1“ liegt außerhalb des Bereichs: %2</translation>
    </message>
</context>
<context>
    <name>Ingest::LineProtocol::LineError</name>
    <message>
        <location line="+200"/>
        <source>line %1: %2</source>
        <translation>Zeile %1: %2</translation>
    </message>
</context>
<context>
    <name>Ingest::LineProtocol::Parser</name>
    <message>
        <location line="-471"/>
        <location line="+95"/>
        <source>the measurement is missing</source>
        <translation>die Messung (measurement) fehlt</translation>
    </message>
    <message>
        <location line="-87"/>
        <source>a tag key is missing</source>
        <translation>ein Tag-Schlüssel fehlt</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+8"/>
        <source>the tag &quot;%1&quot; has no value</source>
        <translation>das Tag „%1“ hat keinen Wert</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>the value of the tag &quot;%1&quot; has an unescaped &quot;=&quot;</source>
        <translation>der Wert des Tags „%1“ enthält ein nicht maskiertes „=“</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>the fields are missing</source>
        <translation>die Felder fehlen</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>unexpected text after the timestamp</source>
        <translation>unerwarteter Text nach dem Zeitstempel</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>the tag &quot;%1&quot; is given twice</source>
        <translation>das Tag „%1“ ist zweimal angegeben</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>the series key is %1 bytes long; a channel id may be at most %2</source>
        <translation>der Serienschlüssel ist %1 Bytes lang; eine Kanal-ID darf höchstens %2 lang sein</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the series key is not valid UTF-8</source>
        <translation>der Serienschlüssel ist kein gültiges UTF-8</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the series key contains a control character</source>
        <translation>der Serienschlüssel enthält ein Steuerzeichen</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>a field key is missing</source>
        <translation>ein Feldschlüssel fehlt</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+77"/>
        <source>the field &quot;%1&quot; has no value</source>
        <translation>das Feld „%1“ hat keinen Wert</translation>
    </message>
    <message>
        <location line="-72"/>
        <source>a field key is not valid UTF-8</source>
        <translation>ein Feldschlüssel ist kein gültiges UTF-8</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the field key &quot;%1&quot; contains a control character</source>
        <translation>der Feldschlüssel „%1“ enthält ein Steuerzeichen</translation>
    </message>
    <message>
        <location line="+221"/>
        <source>the string field &quot;%1&quot; is not valid UTF-8</source>
        <translation>das Textfeld „%1“ ist kein gültiges UTF-8</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>the string field &quot;%1&quot; has no closing quote</source>
        <translation>dem Textfeld „%1“ fehlt das schließende Anführungszeichen</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>the timestamp is not a 64-bit integer: %1</source>
        <translation>der Zeitstempel ist keine 64-Bit-Ganzzahl: %1</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>the timestamp %1 is out of range</source>
        <translation>der Zeitstempel %1 liegt außerhalb des Bereichs</translation>
    </message>
</context>
<context>
    <name>Ingest::MqttSource</name>
    <message>
        <location filename="../core/ingest/mqttsource.cpp" line="+52"/>
        <source>Cannot create an MQTT client.</source>
        <translation>Ein MQTT-Client kann nicht angelegt werden.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>MQTT over TLS to %1: %2</source>
        <translation>MQTT über TLS zu %1: %2</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Cannot start the MQTT client&apos;s thread.</source>
        <translation>Der Thread des MQTT-Clients kann nicht gestartet werden.</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>The broker refused the subscription to %1: %2</source>
        <translation>Der Broker hat das Abonnement von %1 abgelehnt: %2</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>stopped</source>
        <translation>gestoppt</translation>
    </message>
</context>
<context>
    <name>Inspect</name>
    <message>
        <location filename="../app/inspectreport.cpp" line="+24"/>
        <source>%1, chosen with --layout</source>
        <translation>%1, mit --layout gewählt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1, guessed: %2</source>
        <translation>%1, geraten: %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1, guessed without certainty: %2</source>
        <translation>%1, ohne Gewissheit geraten: %2</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>out of calendar range</source>
        <translation>außerhalb des Kalenderbereichs</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 (%2 ms)</source>
        <translation>%1 (%2 ms)</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Layout</source>
        <translation>Layout</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start</source>
        <translation>Beginn</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>End</source>
        <translation>Ende</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 bytes (header %2, metadata %3, data %4)</source>
        <translation>%1 Bytes (Kopf %2, Metadaten %3, Daten %4)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Channels</source>
        <translation>Kanäle</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 (%2 items, %3 bytes of item data)</source>
        <translation>%1 (%2 Einträge, %3 Bytes Eintragsdaten)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>TYPE</source>
        <translation>TYP</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>ITEMS</source>
        <translation>EINTRÄGE</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>BYTES</source>
        <translation>BYTES</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>FIRST ITEM</source>
        <translation>ERSTER EINTRAG</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>LAST ITEM</source>
        <translation>LETZTER EINTRAG</translation>
    </message>
</context>
<context>
    <name>ItemPreview</name>
    <message numerus="yes">
        <location filename="../ui/inspector/itempreview.cpp" line="+53"/>
        <source>… %n more bytes</source>
        <translation>
            <numerusform>… %n weiteres Byte</numerusform>
            <numerusform>… %n weitere Bytes</numerusform>
        </translation>
    </message>
    <message>
        <location line="+7"/>
        <source>(empty)</source>
        <translation>(leer)</translation>
    </message>
</context>
<context>
    <name>ItemTableModel</name>
    <message>
        <location filename="../ui/inspector/itemtablemodel.cpp" line="+88"/>
        <source>%1 (%2 ms)</source>
        <translation>%1 (%2 ms)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Channel</source>
        <translation>Kanal</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Time (%1)</source>
        <translation>Zeit (%1)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Bytes</source>
        <translation>Bytes</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Preview</source>
        <translation>Vorschau</translation>
    </message>
</context>
<context>
    <name>Launch</name>
    <message>
        <location filename="../app/options.cpp" line="+30"/>
        <source>Collects timestamped events into TimeFrames and serves them on the LAN.

Without a command the window opens, with FILE loaded when one is given.

Commands (they need no display):
  inspect FILE              print a summary of a TimeFrame file
  decode FILE               print a TimeFrame file as JSON
  encode IN.json -o OUT.tf  write a TimeFrame file from its JSON form

Run &apos;syncstreamer COMMAND --help&apos; for the options of a command.</source>
        <translation>Sammelt Ereignisse mit Zeitstempel in TimeFrames und stellt sie im LAN bereit.

Ohne Befehl öffnet sich das Fenster, mit DATEI geladen, wenn eine angegeben ist.

Befehle (sie brauchen keine Anzeige):
  inspect DATEI             Übersicht einer TimeFrame-Datei ausgeben
  decode DATEI              eine TimeFrame-Datei als JSON ausgeben
  encode EIN.json -o AUS.tf eine TimeFrame-Datei aus ihrer JSON-Form schreiben

&apos;syncstreamer BEFEHL --help&apos; nennt die Optionen eines Befehls.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>syncstreamer: &apos;%1&apos; is neither a command nor an existing file. Commands: %2.
Run &apos;syncstreamer --help&apos; for usage.
</source>
        <translation>syncstreamer: &apos;%1&apos; ist weder ein Befehl noch eine vorhandene Datei. Befehle: %2.
Aufruf: siehe &apos;syncstreamer --help&apos;.
</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>A TimeFrame file to open in the window.</source>
        <translation>Eine TimeFrame-Datei, die im Fenster geöffnet wird.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Start the window&apos;s demo producers (sensor, clock, camera and log channels).</source>
        <translation>Die Demo-Erzeuger des Fensters starten (Kanäle für Sensor, Uhr, Kamera und Protokoll).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A chart layout (JSON, saved with File → Save layout) to open instead of the last one.</source>
        <translation>Ein Diagramm-Layout (JSON, gespeichert mit Datei → Layout speichern), das statt des letzten geöffnet wird.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>file</source>
        <translation>Datei</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Language of the window: de or en. Default: the system&apos;s.</source>
        <translation>Sprache des Fensters: de oder en. Standard: die des Systems.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+17"/>
        <location line="+20"/>
        <source>Run &apos;syncstreamer --help&apos; for usage.</source>
        <translation>Aufruf: siehe &apos;syncstreamer --help&apos;.</translation>
    </message>
    <message numerus="yes">
        <location line="-22"/>
        <source>syncstreamer: the window opens one file, %n were given.
</source>
        <translation>
            <numerusform>syncstreamer: Das Fenster öffnet eine Datei, %n wurde angegeben.
</numerusform>
            <numerusform>syncstreamer: Das Fenster öffnet eine Datei, %n wurden angegeben.
</numerusform>
        </translation>
    </message>
    <message>
        <location line="+20"/>
        <source>syncstreamer: --lang takes de or en, not &quot;%1&quot;.
</source>
        <translation>syncstreamer: --lang nimmt de oder en, nicht „%1“.
</translation>
    </message>
</context>
<context>
    <name>LayoutComboBox</name>
    <message>
        <location filename="../ui/common/layoutcombobox.cpp" line="+8"/>
        <source>Guess for each file</source>
        <translation>Für jede Datei raten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Documented (type size, id size, type, id)</source>
        <translation>Dokumentiert (Typlänge, ID-Länge, Typ, ID)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reference (id size, type size, id, type)</source>
        <translation>Referenz (ID-Länge, Typlänge, ID, Typ)</translation>
    </message>
</context>
<context>
    <name>LayoutFile</name>
    <message>
        <location filename="../ui/charts/workspace/layoutfile.cpp" line="+33"/>
        <source>Cannot open the layout %1: %2</source>
        <translation>Das Layout %1 kann nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The layout %1 is not valid JSON (at byte %2: %3).</source>
        <translation>Das Layout %1 ist kein gültiges JSON (bei Byte %2: %3).</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The file %1 is not a chart layout (no &quot;panes&quot;).</source>
        <translation>Die Datei %1 ist kein Diagramm-Layout (kein „panes“).</translation>
    </message>
    <message>
        <location line="+14"/>
        <location line="+3"/>
        <source>Cannot write the layout %1: %2</source>
        <translation>Das Layout %1 kann nicht geschrieben werden: %2</translation>
    </message>
</context>
<context>
    <name>LoadedFrame</name>
    <message>
        <location filename="../ui/files/framefile.cpp" line="+35"/>
        <source>JSON</source>
        <translation>JSON</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>CSV</source>
        <translation>CSV</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>text</source>
        <translation>Text</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>it is not a TimeFrame file; it looks like %1.</source>
        <translation>es ist keine TimeFrame-Datei; sie sieht nach %1 aus.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>chosen when importing</source>
        <translation>beim Import gewählt</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../ui/window/mainwindow.cpp" line="+68"/>
        <location filename="../ui/window/mainwindowmenus.cpp" line="+67"/>
        <source>&amp;Live charts</source>
        <translation>&amp;Live-Diagramme</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>I&amp;nspector</source>
        <translation>&amp;Inspektor</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Ready</source>
        <translation>Bereit</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Frames</source>
        <translation>Frames</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Imported frames</source>
        <translation>Importierte Frames</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Frames</source>
        <translation>&amp;Frames</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Im&amp;ported</source>
        <translation>Im&amp;portiert</translation>
    </message>
    <message>
        <location filename="../ui/window/mainwindowmenus.cpp" line="-26"/>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Open TimeFrame…</source>
        <translation>TimeFrame &amp;öffnen…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Export…</source>
        <translation>&amp;Exportieren…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Open &amp;layout…</source>
        <translation>&amp;Layout öffnen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save l&amp;ayout…</source>
        <translation>L&amp;ayout speichern…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Settings…</source>
        <translation>E&amp;instellungen…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Inspector</source>
        <translation>&amp;Inspektor</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Pause charts</source>
        <translation>Diagramme an&amp;halten</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Reset chart view</source>
        <translation>Diagrammansicht &amp;zurücksetzen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start &amp;demo feed</source>
        <translation>&amp;Demo-Einspeisung starten</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Tastenkürzel</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;About SyncStreamer</source>
        <translation>Ü&amp;ber SyncStreamer</translation>
    </message>
    <message>
        <location filename="../ui/window/mainwindow.cpp" line="+82"/>
        <source>The server could not start</source>
        <translation>Der Server konnte nicht starten</translation>
    </message>
    <message numerus="yes">
        <location line="+18"/>
        <source>Reading %n file(s)…</source>
        <translation>
            <numerusform>Lese %n Datei…</numerusform>
            <numerusform>Lese %n Dateien…</numerusform>
        </translation>
    </message>
    <message>
        <location line="+15"/>
        <source>About SyncStreamer</source>
        <translation>Über SyncStreamer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;h3&gt;SyncStreamer %1&lt;/h3&gt;&lt;p&gt;Collects timestamped events into TimeFrames and serves them on the LAN, so that every client plays them back at the same time.&lt;/p&gt;&lt;p&gt;License: GPL-3.0-or-later. This program comes with ABSOLUTELY NO WARRANTY.&lt;/p&gt;&lt;p&gt;Built with Qt %2.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;SyncStreamer %1&lt;/h3&gt;&lt;p&gt;Sammelt Ereignisse mit Zeitstempel in TimeFrames und stellt sie im LAN bereit, sodass jeder Client sie zur selben Zeit wiedergibt.&lt;/p&gt;&lt;p&gt;Lizenz: GPL-3.0-or-later. Dieses Programm kommt OHNE JEGLICHE GEWÄHRLEISTUNG.&lt;/p&gt;&lt;p&gt;Erstellt mit Qt %2.&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Opened %1 (channels: %2, items: %3)</source>
        <translation>%1 geöffnet (Kanäle: %2, Einträge: %3)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Could not open %1</source>
        <translation>%1 konnte nicht geöffnet werden</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cannot open %1</source>
        <translation>%1 kann nicht geöffnet werden</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>SyncStreamer</source>
        <translation>SyncStreamer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 — SyncStreamer</source>
        <translation>%1 — SyncStreamer</translation>
    </message>
    <message>
        <location filename="../ui/window/mainwindowactions.cpp" line="+122"/>
        <source>Restarting the server with the new settings…</source>
        <translation>Der Server startet mit den neuen Einstellungen neu…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Restarting the engine and the server with the new settings…</source>
        <translation>Engine und Server werden mit den neuen Einstellungen neu gestartet …</translation>
    </message>
    <message>
        <location line="+80"/>
        <source>An export is running already.</source>
        <translation>Es läuft bereits ein Export.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>There are no frames to export.</source>
        <translation>Es gibt keine Frames zum Exportieren.</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>No frame lies in that range.</source>
        <translation>In diesem Zeitraum liegt kein Frame.</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>+ / − / ← / →</source>
        <translation>+ / − / ← / →</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Zoom and pan a focused chart</source>
        <translation>Ein fokussiertes Diagramm zoomen und verschieben</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A / B / Esc</source>
        <translation>A / B / Esc</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Set the markers A and B at the cursor of a plot; clear them</source>
        <translation>Die Marken A und B am Cursor eines Diagramms setzen; sie entfernen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Alt with an underlined letter reaches every menu, button and field.</source>
        <translation>Alt mit einem unterstrichenen Buchstaben erreicht jedes Menü, jede Schaltfläche und jedes Feld.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Keyboard Shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <location filename="../ui/window/mainwindowlayouts.cpp" line="+24"/>
        <source>Cannot open the layout</source>
        <translation>Das Layout kann nicht geöffnet werden</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Layout %1 opened</source>
        <translation>Layout %1 geöffnet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Layout %1 opened; not in the data (yet): %2</source>
        <translation>Layout %1 geöffnet; (noch) nicht in den Daten: %2</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Layout saved to %1</source>
        <translation>Layout in %1 gespeichert</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Chart layouts (*.json)</source>
        <translation>Diagramm-Layouts (*.json)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Open layout</source>
        <translation>Layout öffnen</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Save layout</source>
        <translation>Layout speichern</translation>
    </message>
</context>
<context>
    <name>OverviewStrip</name>
    <message>
        <location filename="../ui/charts/history/overviewstrip.cpp" line="+25"/>
        <source>Every retained frame: drag to choose the range shown</source>
        <translation>Alle aufbewahrten Frames: ziehen, um den gezeigten Bereich zu wählen</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop reading the frames of this range</source>
        <translation>Das Lesen der Frames dieses Bereichs abbrechen</translation>
    </message>
</context>
<context>
    <name>PlotPane</name>
    <message>
        <location filename="../ui/charts/workspace/plotpane.cpp" line="+68"/>
        <source>Plot</source>
        <translation>Diagramm</translation>
    </message>
    <message>
        <location line="+73"/>
        <source> (right)</source>
        <translation> (rechts)</translation>
    </message>
</context>
<context>
    <name>SeriesTreeModel</name>
    <message>
        <location filename="../ui/charts/seriestreemodel.cpp" line="+92"/>
        <source>Series</source>
        <translation>Reihen</translation>
    </message>
    <message>
        <location line="-44"/>
        <source>%1 of channel %2 (drag it onto a plot)</source>
        <translation>%1 von Kanal %2 (auf ein Diagramm ziehen)</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>bytes</source>
        <translation>Bytes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>events/s</source>
        <translation>Ereignisse/s</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>%1/s</source>
        <translation>%1/s</translation>
    </message>
</context>
<context>
    <name>Server</name>
    <message>
        <location filename="../core/server/batchdecoder.cpp" line="+38"/>
        <source>The body is not a valid TimeFrame: %1</source>
        <translation>Der Rumpf ist kein gültiges TimeFrame: %1</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Item %1 of channel &quot;%2&quot; is not valid JSON.</source>
        <translation>Eintrag %1 von Kanal „%2“ ist kein gültiges JSON.</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Line %1: %2</source>
        <translation>Zeile %1: %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>not a JSON object.</source>
        <translation>kein JSON-Objekt.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&quot;channel&quot; must be a string.</source>
        <translation>„channel“ muss eine Zeichenkette sein.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&quot;type&quot; must be a string.</source>
        <translation>„type“ muss eine Zeichenkette sein.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>give exactly one of &quot;json&quot; and &quot;base64&quot;.</source>
        <translation>genau eines von „json“ und „base64“ angeben.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&quot;ts&quot; must be whole milliseconds.</source>
        <translation>„ts“ muss ganze Millisekunden angeben.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&quot;json&quot; is not valid JSON.</source>
        <translation>„json“ ist kein gültiges JSON.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&quot;base64&quot; must be a string.</source>
        <translation>„base64“ muss eine Zeichenkette sein.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&quot;base64&quot; is not valid Base64.</source>
        <translation>„base64“ ist kein gültiges Base64.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the data of a JSON type is not valid JSON.</source>
        <translation>die Daten eines JSON-Typs sind kein gültiges JSON.</translation>
    </message>
    <message>
        <location filename="../core/server/httpserver.cpp" line="+51"/>
        <source>Cannot read the TLS certificate %1: %2</source>
        <translation>Das TLS-Zertifikat %1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 holds no PEM certificate.</source>
        <translation>%1 enthält kein PEM-Zertifikat.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Cannot read the TLS key %1: %2</source>
        <translation>Der TLS-Schlüssel %1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 holds no PEM RSA or EC private key.</source>
        <translation>%1 enthält keinen privaten PEM-Schlüssel (RSA oder EC).</translation>
    </message>
    <message>
        <location filename="../core/server/router.cpp" line="+125"/>
        <source>The channel id is empty.</source>
        <translation>Die Kanal-ID ist leer.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The channel id is longer than 128 bytes.</source>
        <translation>Die Kanal-ID ist länger als 128 Bytes.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The channel id contains a control character.</source>
        <translation>Die Kanal-ID enthält ein Steuerzeichen.</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>The channel id is not valid UTF-8.</source>
        <translation>Die Kanal-ID ist kein gültiges UTF-8.</translation>
    </message>
</context>
<context>
    <name>Server::AccessPolicy</name>
    <message>
        <location filename="../core/server/accesspolicy.cpp" line="+206"/>
        <source>This server does not answer for the host &quot;%1&quot;: it is not localhost, a name or address of this computer, nor listed in --allow-host.</source>
        <translation>Dieser Server antwortet nicht für den Host „%1“: Er ist weder localhost noch ein Name oder eine Adresse dieses Computers noch in --allow-host aufgeführt.</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>Web pages from %1 may not post here; allow their origin with --allow-origin.</source>
        <translation>Webseiten von %1 dürfen hier nicht senden; erlauben Sie ihren Origin mit --allow-origin.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Without a token only this computer may post events. Set one with --token, --token-file or the SYNCSTREAMER_TOKEN environment variable and send it as &quot;Authorization: Bearer &lt;token&gt;&quot;.</source>
        <translation>Ohne Token darf nur dieser Rechner Ereignisse senden. Legen Sie eines mit --token, --token-file oder der Umgebungsvariablen SYNCSTREAMER_TOKEN fest und senden Sie es als „Authorization: Bearer &lt;token&gt;“.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The Bearer token is not the one configured.</source>
        <translation>Das Bearer-Token ist nicht das eingestellte.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Posting needs &quot;Authorization: Bearer &lt;token&gt;&quot;.</source>
        <translation>Senden braucht „Authorization: Bearer &lt;token&gt;“.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Reading needs &quot;Authorization: Bearer &lt;read token&gt;&quot; (--read-token).</source>
        <translation>Lesen braucht „Authorization: Bearer &lt;read token&gt;“ (--read-token).</translation>
    </message>
</context>
<context>
    <name>Server::Api</name>
    <message>
        <location filename="../core/server/api.cpp" line="+57"/>
        <source>There is nothing at %1.</source>
        <translation>Unter %1 gibt es nichts.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 is not allowed here; allowed: %2.</source>
        <translation>%1 ist hier nicht erlaubt; erlaubt: %2.</translation>
    </message>
</context>
<context>
    <name>Server::FrameEndpoints</name>
    <message>
        <location filename="../core/server/frameendpoints.cpp" line="+200"/>
        <source>The parameter &quot;%1&quot; is not a whole number of the right range.</source>
        <translation>Der Parameter „%1“ ist keine ganze Zahl im richtigen Bereich.</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>There is no retained frame with the id %1.</source>
        <translation>Es wird kein Frame mit der ID %1 aufbewahrt.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>The range is outside the frame&apos;s %1 bytes.</source>
        <translation>Der Bereich liegt außerhalb der %1 Bytes des Frames.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The frame %1 is no longer retained.</source>
        <translation>Das Frame %1 wird nicht mehr aufbewahrt.</translation>
    </message>
</context>
<context>
    <name>Server::GuardedSocket</name>
    <message>
        <location filename="../core/server/guard.cpp" line="+547"/>
        <source>The request head did not arrive whole within %1 ms.</source>
        <translation>Der Anfragekopf ist nicht innerhalb von %1 ms vollständig angekommen.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The request body arrived slower than %1 bytes per second.</source>
        <translation>Der Anfragerumpf kam langsamer als mit %1 Bytes pro Sekunde an.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>The request did not arrive within %1 ms.</source>
        <translation>Die Anfrage ist nicht innerhalb von %1 ms angekommen.</translation>
    </message>
</context>
<context>
    <name>Server::HttpServer</name>
    <message>
        <location filename="../core/server/httpserver.cpp" line="+44"/>
        <source>HTTPS needs both --tls-cert and --tls-key.</source>
        <translation>HTTPS braucht sowohl --tls-cert als auch --tls-key.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This build of Qt has no TLS support.</source>
        <translation>Diese Qt-Version unterstützt kein TLS.</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>Cannot listen on %1 port %2: %3</source>
        <translation>Lauschen auf %1 Port %2 nicht möglich: %3</translation>
    </message>
</context>
<context>
    <name>Server::InfluxEndpoints</name>
    <message>
        <location filename="../core/server/influxendpoints.cpp" line="+126"/>
        <source>precision must be ns, us, ms or s</source>
        <translation>precision muss ns, us, ms oder s sein</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>precision must be n, ns, u, ms, s, m or h</source>
        <translation>precision muss n, ns, u, ms, s, m oder h sein</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>late must be drop or arrival</source>
        <translation>late muss drop oder arrival sein</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>the body inflates to more than %1 bytes</source>
        <translation>der Rumpf wird entpackt größer als %1 Bytes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the body is not valid gzip</source>
        <translation>der Rumpf ist kein gültiges gzip</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Content-Encoding must be gzip or identity, not %1</source>
        <translation>Content-Encoding muss gzip oder identity sein, nicht %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>unable to parse the body: %1</source>
        <translation>der Rumpf kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>points outside the unfinished frames [%1, %2)</source>
        <translation>Punkte außerhalb der unfertigen Frames [%1, %2)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>partial write: %1 dropped=%2</source>
        <translation>teilweise geschrieben: %1 dropped=%2</translation>
    </message>
</context>
<context>
    <name>Server::IngestEndpoints</name>
    <message>
        <location filename="../core/server/ingestendpoints.cpp" line="+75"/>
        <source>The engine is not running.</source>
        <translation>Die Engine läuft nicht.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>The Content-Type is not a MIME type (type/subtype).</source>
        <translation>Der Content-Type ist kein MIME-Typ (Typ/Untertyp).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The body is not valid JSON, as its type %1 requires.</source>
        <translation>Der Rumpf ist kein gültiges JSON, wie es sein Typ %1 verlangt.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&quot;ts&quot; must be a whole number of milliseconds.</source>
        <translation>„ts“ muss eine ganze Zahl von Millisekunden sein.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The engine acknowledged nothing.</source>
        <translation>Die Engine hat nichts bestätigt.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>&quot;layout&quot; must be &quot;documented&quot; or &quot;reference&quot;.</source>
        <translation>„layout“ muss „documented“ oder „reference“ sein.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>A batch is application/vnd.syncstreamer.timeframe or application/x-ndjson.</source>
        <translation>Ein Stapel ist application/vnd.syncstreamer.timeframe oder application/x-ndjson.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Event %1: %2</source>
        <translation>Ereignis %1: %2</translation>
    </message>
</context>
<context>
    <name>Server::LiveFeed</name>
    <message>
        <location filename="../core/server/livefeed.cpp" line="+140"/>
        <source>This subscriber did not keep up: more than %1 bytes were waiting to be sent.</source>
        <translation>Dieser Abonnent kam nicht mit: Mehr als %1 Bytes warteten auf das Senden.</translation>
    </message>
</context>
<context>
    <name>Server::RequestParser</name>
    <message>
        <location filename="../core/server/requestparser.cpp" line="+156"/>
        <location line="+34"/>
        <source>The request line is longer than %1 bytes.</source>
        <translation>Die Anfragezeile ist länger als %1 Bytes.</translation>
    </message>
    <message>
        <location line="-13"/>
        <source>The request has more than %1 header lines.</source>
        <translation>Die Anfrage hat mehr als %1 Kopfzeilen.</translation>
    </message>
    <message>
        <location line="-12"/>
        <location line="+28"/>
        <location line="+165"/>
        <source>The request&apos;s header is larger than %1 bytes.</source>
        <translation>Der Kopf der Anfrage ist größer als %1 Bytes.</translation>
    </message>
    <message>
        <location line="-147"/>
        <location line="+4"/>
        <source>A chunk-size line is too long.</source>
        <translation>Eine Chunk-Größen-Zeile ist zu lang.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>A chunk size is not a hexadecimal number.</source>
        <translation>Eine Chunk-Größe ist keine Hexadezimalzahl.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The body is larger than the limit of %1 bytes (--max-body).</source>
        <translation>Der Rumpf ist größer als die Grenze von %1 Bytes (--max-body).</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>A chunk does not end with CRLF.</source>
        <translation>Ein Chunk endet nicht mit CRLF.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A chunk is longer than its size says.</source>
        <translation>Ein Chunk ist länger, als seine Größe angibt.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The request&apos;s trailer is larger than %1 bytes.</source>
        <translation>Der Trailer der Anfrage ist größer als %1 Bytes.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The request&apos;s trailer is too large.</source>
        <translation>Der Trailer der Anfrage ist zu groß.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>The request line is not &quot;METHOD /target HTTP/1.x&quot;.</source>
        <translation>Die Anfragezeile hat nicht die Form „METHODE /ziel HTTP/1.x“.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Only HTTP/1.0 and HTTP/1.1 are served.</source>
        <translation>Nur HTTP/1.0 und HTTP/1.1 werden bedient.</translation>
    </message>
    <message>
        <location line="+71"/>
        <source>Folded header lines are not accepted.</source>
        <translation>Gefaltete Kopfzeilen werden nicht angenommen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A header line is not &quot;Name: value&quot;.</source>
        <translation>Eine Kopfzeile hat nicht die Form „Name: Wert“.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A header value contains a control character.</source>
        <translation>Ein Kopfwert enthält ein Steuerzeichen.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The Content-Length is not one decimal number.</source>
        <translation>Die Content-Length ist nicht genau eine Dezimalzahl.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Only &quot;Expect: 100-continue&quot; is understood.</source>
        <translation>Nur „Expect: 100-continue“ wird verstanden.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>An HTTP/1.1 request needs exactly one Host header.</source>
        <translation>Eine HTTP/1.1-Anfrage braucht genau einen Host-Kopf.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Transfer-Encoding is not accepted together with Content-Length or over HTTP/1.0.</source>
        <translation>Transfer-Encoding wird weder zusammen mit Content-Length noch über HTTP/1.0 angenommen.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Only the chunked transfer coding is understood.</source>
        <translation>Nur die Übertragungskodierung chunked wird verstanden.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>The body of %1 bytes is larger than the limit of %2 bytes (--max-body).</source>
        <translation>Der Rumpf von %1 Bytes ist größer als die Grenze von %2 Bytes (--max-body).</translation>
    </message>
</context>
<context>
    <name>Server::Worker</name>
    <message>
        <location filename="../core/server/worker.cpp" line="+54"/>
        <source>The server has reached its connection limit.</source>
        <translation>Der Server hat seine Verbindungsgrenze erreicht.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This address has %1 connections open already, each in the middle of a request; close one first.</source>
        <translation>Diese Adresse hat bereits %1 offene Verbindungen, jede mitten in einer Anfrage; schließen Sie zuerst eine.</translation>
    </message>
</context>
<context>
    <name>ServerPanel</name>
    <message>
        <location filename="../ui/window/serverpanel.cpp" line="+20"/>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>State:</source>
        <translation>Zustand:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clients:</source>
        <translation>Clients:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Events/s:</source>
        <translation>Ereignisse/s:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Addresses for clients</source>
        <translation>Adressen für Clients</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open one of these in a browser on the LAN</source>
        <translation>Öffnen Sie eine davon in einem Browser im LAN</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Addresses:</source>
        <translation>Adresse&amp;n:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Copy address</source>
        <translation>Adresse k&amp;opieren</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+49"/>
        <source>S&amp;top server</source>
        <translation>Server s&amp;toppen</translation>
    </message>
    <message>
        <location line="-27"/>
        <source>stopped</source>
        <translation>gestoppt</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>starting…</source>
        <translation>startet…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>failed: %1</source>
        <translation>fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>serving on port %1</source>
        <translation>bedient Port %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>collecting, not serving</source>
        <translation>sammelt, stellt nicht bereit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>not serving: %1</source>
        <translation>stellt nicht bereit: %1</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>S&amp;tart server</source>
        <translation>Server s&amp;tarten</translation>
    </message>
</context>
<context>
    <name>ServiceRunner</name>
    <message>
        <location filename="../core/service/servicerunner.cpp" line="+44"/>
        <location line="+25"/>
        <source>The engine is not running.</source>
        <translation>Die Engine läuft nicht.</translation>
    </message>
</context>
<context>
    <name>ServiceStatusBar</name>
    <message>
        <location filename="../ui/window/servicestatusbar.cpp" line="+26"/>
        <source>Frames: %1</source>
        <translation>Frames: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Disk: %1</source>
        <translation>Platte: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Storage: —</source>
        <translation>Speicher: —</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Storage: OK</source>
        <translation>Speicher: OK</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Storage: unavailable</source>
        <translation>Speicher: nicht verfügbar</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last error: %1</source>
        <translation>Letzter Fehler: %1</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../ui/settings/settingsdialog.cpp" line="+47"/>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>any free port</source>
        <translation>beliebiger freier Port</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>all interfaces</source>
        <translation>alle Schnittstellen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>An address of this computer, such as 127.0.0.1 for this computer only; empty for all interfaces (IPv4 and IPv6).</source>
        <translation>Eine Adresse dieses Rechners, etwa 127.0.0.1 nur für diesen Rechner; leer für alle Schnittstellen (IPv4 und IPv6).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>none: only this computer may post</source>
        <translation>keines: nur dieser Rechner darf senden</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>none: reads are open</source>
        <translation>keines: Lesen ist frei</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>none: plain HTTP</source>
        <translation>keines: einfaches HTTP</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Port:</source>
        <translation>&amp;Port:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Listen on:</source>
        <translation>&amp;Netzwerkadresse:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Write token:</source>
        <translation>&amp;Schreib-Token:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Read token:</source>
        <translation>&amp;Lese-Token:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>TLS &amp;certificate:</source>
        <translation>TLS-&amp;Zertifikat:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>TLS &amp;key:</source>
        <translation>TLS-Sc&amp;hlüssel:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Metadata la&amp;yout:</source>
        <translation>Metadaten-La&amp;yout:</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Frames and storage</source>
        <translation>Frames und Speicher</translation>
    </message>
    <message>
        <location line="+6"/>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+8"/>
        <source> frames</source>
        <translation> Frames</translation>
    </message>
    <message>
        <location line="-1"/>
        <location line="+5"/>
        <location line="+6"/>
        <source>no limit</source>
        <translation>unbegrenzt</translation>
    </message>
    <message>
        <location line="-5"/>
        <source> MiB</source>
        <translation> MiB</translation>
    </message>
    <message>
        <location line="+6"/>
        <source> h</source>
        <translation> h</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Before every acknowledgement (safest)</source>
        <translation>Vor jeder Bestätigung (am sichersten)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>At most every 100 ms (default)</source>
        <translation>Höchstens alle 100 ms (Standard)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Left to the system (fastest)</source>
        <translation>Dem System überlassen (am schnellsten)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Frame duration:</source>
        <translation>&amp;Framedauer:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;History in memory:</source>
        <translation>&amp;Verlauf im Speicher:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Data d&amp;irectory:</source>
        <translation>&amp;Datenverzeichnis:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keep at &amp;most:</source>
        <translation>Höchstens (&amp;Anzahl):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keep at most (&amp;size):</source>
        <translation>Höchstens (&amp;Größe):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove after (&amp;age):</source>
        <translation>Entfernen nach (Alt&amp;er):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Journal sync:</source>
        <translation>&amp;Journal-Sync:</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Window</source>
        <translation>Fenster</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Keep serving in the system &amp;tray when the window is closed</source>
        <translation>Nach dem Schließen des Fensters im Systembereich (&amp;Tray) weiter bereitstellen</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Local time, with the zone shown</source>
        <translation>Ortszeit, mit Angabe der Zeitzone</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../ui/settings/settingsfields.cpp" line="+102"/>
        <source>UTC</source>
        <translation>UTC</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show ti&amp;mes in:</source>
        <translation>&amp;Zeiten anzeigen in:</translation>
    </message>
    <message>
        <location filename="../ui/settings/settingsfields.cpp" line="-33"/>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>%1 h</source>
        <translation>%1 h</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>on</source>
        <translation>ein</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>off</source>
        <translation>aus</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>local time</source>
        <translation>Ortszeit</translation>
    </message>
    <message>
        <location filename="../ui/settings/settingsdialog.cpp" line="+30"/>
        <source>Running with a value other than the stored one.</source>
        <translation>Läuft mit einem anderen als dem gespeicherten Wert.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Running with %1; stored: %2.</source>
        <translation>Läuft mit %1; gespeichert: %2.</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>none</source>
        <translation>keiner</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Apply restarts the engine and the server: the open frame is finished now, producers and clients reconnect.</source>
        <translation>Übernehmen startet Engine und Server neu: Der offene Frame wird jetzt abgeschlossen, Produzenten und Clients verbinden sich neu.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Apply restarts the server: clients and producers reconnect; the engine and the open frame keep running.</source>
        <translation>Übernehmen startet den Server neu: Clients und Produzenten verbinden sich neu; die Engine und der offene Frame laufen weiter.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Apply restarts nothing: the server and the engine keep running.</source>
        <translation>Übernehmen startet nichts neu: Server und Engine laufen weiter.</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>…</source>
        <translation>…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose a folder</source>
        <translation>Ordner wählen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Choose a file</source>
        <translation>Datei wählen</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Data directory</source>
        <translation>Datenverzeichnis</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PEM file</source>
        <translation>PEM-Datei</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PEM files (*.pem *.crt *.key);;All files (*)</source>
        <translation>PEM-Dateien (*.pem *.crt *.key);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Given on the command line, %1 take precedence over these settings until the program is started again.</source>
        <translation>Auf der Befehlszeile angegeben, haben %1 Vorrang vor diesen Einstellungen, bis das Programm neu gestartet wird.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>This desktop has no system tray: closing the window quits.</source>
        <translation>Dieser Desktop hat keinen Systembereich: Schließen des Fensters beendet das Programm.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>&quot;%1&quot; is not an IP address.</source>
        <translation>„%1“ ist keine IP-Adresse.</translation>
    </message>
</context>
<context>
    <name>TimeChartView</name>
    <message>
        <location filename="../ui/charts/timechartview.cpp" line="+28"/>
        <source>Wheel or +/-: zoom · drag: zoom into a range · middle drag or ←/→: pan · Home: reset · A/B: markers at the cursor · double click: open the item · right click: menu</source>
        <translation>Mausrad oder +/-: zoomen · Ziehen: in einen Bereich zoomen · mittlere Taste ziehen oder ←/→: verschieben · Pos1: zurücksetzen · A/B: Marken am Cursor · Doppelklick: Eintrag öffnen · Rechtsklick: Menü</translation>
    </message>
</context>
<context>
    <name>TimeFrame</name>
    <message>
        <location filename="../core/format/parser.cpp" line="+26"/>
        <source>version</source>
        <translation>Version</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>metadata size</source>
        <translation>Metadatengröße</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>data size</source>
        <translation>Datengröße</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>start timestamp</source>
        <translation>Startzeitstempel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>end timestamp</source>
        <translation>Endzeitstempel</translation>
    </message>
    <message>
        <location line="+97"/>
        <source>data offset</source>
        <translation>Datenversatz</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>first string size</source>
        <translation>Länge der ersten Zeichenkette</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>second string size</source>
        <translation>Länge der zweiten Zeichenkette</translation>
    </message>
    <message>
        <location filename="../core/format/timeframe.cpp" line="+52"/>
        <source>cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <location line="+98"/>
        <source>TimeFrame version %1 is not supported (this build reads version %2)</source>
        <translation>TimeFrame-Version %1 wird nicht unterstützt (diese Version liest Version %2)</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>the header declares a data size of %1 bytes, which no frame can have</source>
        <translation>der Kopf gibt eine Datengröße von %1 Bytes an, die kein Frame haben kann</translation>
    </message>
    <message>
        <location line="-104"/>
        <location line="+110"/>
        <source>the frame ends (%1) before it starts (%2)</source>
        <translation>das Frame endet (%1), bevor es beginnt (%2)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the header declares %1 bytes of metadata and %2 of data, %3 in all, but only %4 are present</source>
        <translation>der Kopf gibt %1 Bytes Metadaten und %2 Bytes Daten an, %3 insgesamt, aber nur %4 sind vorhanden</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+111"/>
        <source>%1 bytes follow the end of the frame at byte %2</source>
        <translation>%1 Bytes folgen auf das Ende des Frames bei Byte %2</translation>
    </message>
    <message>
        <location line="-74"/>
        <location line="+5"/>
        <location line="+26"/>
        <location line="+14"/>
        <location line="+189"/>
        <location line="+5"/>
        <source>the frame</source>
        <translation>das Frame</translation>
    </message>
    <message>
        <location line="-239"/>
        <source>the device is not open for reading</source>
        <translation>das Gerät ist nicht zum Lesen geöffnet</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>the header declares a frame of %1 bytes, more than the %2 this reader accepts</source>
        <translation>der Kopf gibt ein Frame von %1 Bytes an, mehr als die %2, die dieser Leser annimmt</translation>
    </message>
    <message>
        <location line="-168"/>
        <source>channel %1 has an empty id</source>
        <translation>Kanal %1 hat eine leere ID</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>channel &quot;%1&quot; has an empty type</source>
        <translation>Kanal „%1“ hat einen leeren Typ</translation>
    </message>
    <message>
        <location line="+252"/>
        <source>channel id &quot;%1&quot; appears twice</source>
        <translation>die Kanal-ID „%1“ kommt zweimal vor</translation>
    </message>
    <message>
        <location line="+134"/>
        <source>the device is not open for writing</source>
        <translation>das Gerät ist nicht zum Schreiben geöffnet</translation>
    </message>
    <message>
        <location filename="../core/format/timeframejson.cpp" line="+124"/>
        <source>the document is not a JSON object</source>
        <translation>das Dokument ist kein JSON-Objekt</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&quot;version&quot; is not an integer</source>
        <translation>„version“ ist keine ganze Zahl</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>TimeFrame version %1 is not supported (this build writes version %2)</source>
        <translation>TimeFrame-Version %1 wird nicht unterstützt (diese Version schreibt Version %2)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&quot;layout&quot; must be &quot;documented&quot; or &quot;reference&quot;</source>
        <translation>„layout“ muss „documented“ oder „reference“ sein</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&quot;startAt&quot; is missing or not an integer</source>
        <translation>„startAt“ fehlt oder ist keine ganze Zahl</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&quot;endAt&quot; is missing or not an integer</source>
        <translation>„endAt“ fehlt oder ist keine ganze Zahl</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&quot;channels&quot; is missing or not an array</source>
        <translation>„channels“ fehlt oder ist kein Array</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+17"/>
        <source>%1 is not an object</source>
        <translation>%1 ist kein Objekt</translation>
    </message>
    <message>
        <location line="-13"/>
        <source>%1.id is missing or not a string</source>
        <translation>%1.id fehlt oder ist keine Zeichenkette</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1.type is missing or not a string</source>
        <translation>%1.type fehlt oder ist keine Zeichenkette</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1.items is missing or not an array</source>
        <translation>%1.items fehlt oder ist kein Array</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1.timestamp is missing or not an integer</source>
        <translation>%1.timestamp fehlt oder ist keine ganze Zahl</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1.data is missing or not a string</source>
        <translation>%1.data fehlt oder ist keine Zeichenkette</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1.data is not valid base64</source>
        <translation>%1.data ist kein gültiges Base64</translation>
    </message>
</context>
<context>
    <name>TimeFrame::ViewBuilder</name>
    <message>
        <location filename="../core/format/frameview.cpp" line="+55"/>
        <source>the data section holds %1 bytes but the frame has no channel</source>
        <translation>der Datenabschnitt enthält %1 Bytes, aber das Frame hat keinen Kanal</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>channel %1 has an empty id</source>
        <translation>Kanal %1 hat eine leere ID</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>channel %1 has an empty type</source>
        <translation>Kanal %1 hat einen leeren Typ</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the id of channel %1 is not valid UTF-8</source>
        <translation>die ID von Kanal %1 ist kein gültiges UTF-8</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the type of channel %1 is not valid UTF-8</source>
        <translation>der Typ von Kanal %1 ist kein gültiges UTF-8</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>channel id &quot;%1&quot; appears twice</source>
        <translation>die Kanal-ID „%1“ kommt zweimal vor</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>channel &quot;%1&quot; ends inside an item&apos;s %2: %3 bytes left where an item needs at least %4</source>
        <translation>Kanal „%1“ endet innerhalb des Felds %2 eines Eintrags: %3 Bytes übrig, wo ein Eintrag mindestens %4 braucht</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>timestamp</source>
        <translation>Zeitstempel</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>data size</source>
        <translation>Datengröße</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>an item of channel &quot;%1&quot; claims %2 bytes but only %3 remain in the channel</source>
        <translation>ein Eintrag von Kanal „%1“ beansprucht %2 Bytes, aber nur %3 bleiben im Kanal</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>the first channel&apos;s items start at data offset %1, not 0</source>
        <translation>die Einträge des ersten Kanals beginnen bei Datenversatz %1, nicht bei 0</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>channel %1 starts at data offset %2, past the data size %3</source>
        <translation>Kanal %1 beginnt bei Datenversatz %2, hinter der Datengröße %3</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>channel %1 starts at data offset %2, before the previous channel&apos;s %3</source>
        <translation>Kanal %1 beginnt bei Datenversatz %2, vor dem %3 des vorigen Kanals</translation>
    </message>
</context>
<context>
    <name>TimeFrame::Writer</name>
    <message>
        <location filename="../core/format/timeframe.cpp" line="-103"/>
        <source>the channel records need %1 bytes, more than a frame&apos;s metadata can hold</source>
        <translation>die Kanaldatensätze brauchen %1 Bytes, mehr als die Metadaten eines Frames fassen</translation>
    </message>
</context>
<context>
    <name>TimeFrame::detail</name>
    <message>
        <location filename="../core/format/parser.cpp" line="-89"/>
        <source>the file ends inside the header&apos;s %1 field: %2 bytes where the header needs %3</source>
        <translation>die Datei endet im Feld %1 des Kopfs: %2 Bytes, wo der Kopf %3 braucht</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>the file ends inside %1, which starts at byte %2; only %3 bytes are present</source>
        <translation>die Datei endet innerhalb von %1, das bei Byte %2 beginnt; nur %3 Bytes sind vorhanden</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>metadata record %1</source>
        <translation>Metadatensatz %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the data offset of %1</source>
        <translation>den Datenversatz von %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the first string size of %1</source>
        <translation>die Länge der ersten Zeichenkette von %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the second string size of %1</source>
        <translation>die Länge der zweiten Zeichenkette von %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the first string of %1</source>
        <translation>die erste Zeichenkette von %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the second string of %1</source>
        <translation>die zweite Zeichenkette von %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>the metadata section</source>
        <translation>den Metadatenabschnitt</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>item %1 of the data section</source>
        <translation>Eintrag %1 des Datenabschnitts</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the timestamp of %1</source>
        <translation>den Zeitstempel von %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the data size of %1</source>
        <translation>die Datengröße von %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the record data of %1</source>
        <translation>die Datensatzdaten von %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the data section</source>
        <translation>den Datenabschnitt</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>the metadata section ends inside the %1 of record %2: %3 bytes left where a record needs at least %4</source>
        <translation>der Metadatenabschnitt endet im Feld %1 von Datensatz %2: %3 Bytes übrig, wo ein Datensatz mindestens %4 braucht</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>record %1&apos;s first string claims %2 bytes but only %3 remain in the metadata section</source>
        <translation>die erste Zeichenkette von Datensatz %1 beansprucht %2 Bytes, aber nur %3 bleiben im Metadatenabschnitt</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>record %1&apos;s second string claims %2 bytes but only %3 remain in the metadata section</source>
        <translation>die zweite Zeichenkette von Datensatz %1 beansprucht %2 Bytes, aber nur %3 bleiben im Metadatenabschnitt</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>The frame has no channels; the documented layout was assumed.</source>
        <translation>Das Frame hat keine Kanäle; das dokumentierte Layout wurde angenommen.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No channel record tells the layouts apart; the documented layout was assumed.</source>
        <translation>Kein Kanaldatensatz unterscheidet die Layouts; das dokumentierte Layout wurde angenommen.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>In %1 of %2 channel records the type comes first, as in the documented layout.</source>
        <translation>In %1 von %2 Kanaldatensätzen kommt der Typ zuerst, wie im dokumentierten Layout.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>In %1 of %2 channel records the id comes first, as in the reference layout.</source>
        <translation>In %1 von %2 Kanaldatensätzen kommt die ID zuerst, wie im Referenz-Layout.</translation>
    </message>
</context>
<context>
    <name>TimeText</name>
    <message>
        <location filename="../ui/common/timetext.cpp" line="+33"/>
        <location line="+39"/>
        <source>%1 ms (out of calendar range)</source>
        <translation>%1 ms (außerhalb des Kalenderbereichs)</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
</context>
<context>
    <name>TrayIcon</name>
    <message>
        <location filename="../ui/window/trayicon.cpp" line="+29"/>
        <source>&amp;Show SyncStreamer</source>
        <translation>SyncStreamer &amp;anzeigen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Serving on port %1</source>
        <translation>Bedient Port %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Serving %1</source>
        <translation>Stellt %1 bereit</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Server stopped</source>
        <translation>Server gestoppt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Failed: %1</source>
        <translation>Fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Starting…</source>
        <translation>Startet…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 events/s</source>
        <translation>%1 Ereignisse/s</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SyncStreamer — %1</source>
        <translation>SyncStreamer — %1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>SyncStreamer keeps serving</source>
        <translation>SyncStreamer stellt weiter bereit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The window is closed; the server runs on. Quit from this icon&apos;s menu.</source>
        <translation>Das Fenster ist geschlossen; der Server läuft weiter. Beenden über das Menü dieses Symbols.</translation>
    </message>
</context>
<context>
    <name>Workspace</name>
    <message>
        <location filename="../ui/charts/workspace/workspace.cpp" line="+96"/>
        <source>Values at the cursor</source>
        <translation>Werte am Cursor</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Series</source>
        <translation>Reihe</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Cursor</source>
        <translation>Cursor</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>A</source>
        <translation>A</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>B</source>
        <translation>B</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Δ (B − A)</source>
        <translation>Δ (B − A)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Items at the cursor</source>
        <translation>Einträge am Cursor</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Items of text and binary channels in the panes, around the cursor.</source>
        <translation>Einträge der Text- und Binärkanäle der Diagramme rund um den Cursor.</translation>
    </message>
    <message>
        <location line="+164"/>
        <source>no item</source>
        <translation>kein Eintrag</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>— (%1)</source>
        <translation>— (%1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Cursor %1</source>
        <translation>Cursor %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A %1</source>
        <translation>A %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>B %1</source>
        <translation>B %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Δt %1</source>
        <translation>Δt %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Move the mouse over a plot for the values; A and B set markers.</source>
        <translation>Die Maus über ein Diagramm bewegen für die Werte; A und B setzen Marken.</translation>
    </message>
    <message numerus="yes">
        <location line="+31"/>
        <source>%n byte(s)</source>
        <translation>
            <numerusform>%n Byte</numerusform>
            <numerusform>%n Bytes</numerusform>
        </translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Set marker &amp;A here</source>
        <translation>Marke &amp;A hierhin</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Set marker &amp;B here</source>
        <translation>Marke &amp;B hierhin</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Clear markers</source>
        <translation>Marken &amp;entfernen</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Remove series</source>
        <translation>Reihe ent&amp;fernen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Right &amp;axis</source>
        <translation>Rechte &amp;Achse</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>A&amp;dd series</source>
        <translation>Reihe hin&amp;zufügen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Split &amp;horizontally</source>
        <translation>&amp;Waagrecht teilen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Split &amp;vertically</source>
        <translation>&amp;Senkrecht teilen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close &amp;pane</source>
        <translation>Diagramm schl&amp;ießen</translation>
    </message>
</context>
</TS>
