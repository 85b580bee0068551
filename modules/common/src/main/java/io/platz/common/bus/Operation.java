package io.platz.common.bus;

/**
 * One operation a module offers to the HTTP API, a constant of that module's operation enum: with the caller's
 * {@link Command} it becomes the module's request. The module dispatches on the enum with an exhaustive switch,
 * so an operation that no module handles does not compile.
 */
public interface Operation {

  ModuleCommand<?> with(Command command);
}
