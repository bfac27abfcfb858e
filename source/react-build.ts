// Imported first by the CLI: React and Ink's reconciler each pick their build when first loaded, and both must pick
// the same one. Plugins and the plugin API load React early (before Ink); without this, React would load its
// development build and Ink's reconciler, loaded later for the TUI, the production one, and the TUI would not draw.
process.env.NODE_ENV ??= 'production';
