"""The bundled glossary files; installed as the package ``transnorm.data`` (schema in README.md)."""
