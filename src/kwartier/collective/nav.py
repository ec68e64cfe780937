def items(request, membership):  # type: ignore[no-untyped-def]
    return []
