"""Normalisation: units to GSO codes, fields to the taxonomy, indices, years (see figures.py)."""


def normalize_figures(figures, ctx=None):
    # Imported lazily so `import normalizers` stays cheap for modules that only need a submodule.
    from normalizers.figures import normalize_figures as _normalize

    return _normalize(figures, ctx)


__all__ = ["normalize_figures"]
