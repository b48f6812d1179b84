"""Use-cases (`<entity>_<action>`): the only code that writes, each owning its transaction."""
