/**
 * The eTag of an item that may only be created: the write succeeds when its key is not stored and
 * fails with an eTag conflict when it is. A turn that found its state absent saves with it, so of
 * two instances running the first turns of one conversation the later save conflicts and that
 * turn runs again instead of overwriting the other. No store ever hands out this eTag.
 * botbuilder's MemoryStorage treats it so as well (any eTag is accepted for a key not stored).
 */
export const CREATE_ONLY_ETAG = 'create-only';
