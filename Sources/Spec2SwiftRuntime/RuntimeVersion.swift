/// Generated code names the marker of the runtime release it was generated for, so that compiling it
/// against an older runtime fails with an error whose text says what to do. A release keeps the
/// markers of every earlier one: code generated for them goes on compiling.
public enum RequiresSpec2SwiftRuntime_0_4_OrNewer_UpdateTheSpec2SwiftPackageDependency {}

/// 0.5: paging sequences, task and operation waiting, form, multipart, binary and text bodies.
public enum RequiresSpec2SwiftRuntime_0_5_OrNewer_UpdateTheSpec2SwiftPackageDependency {}
