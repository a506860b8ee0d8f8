import PetsBuilt
import PetsCommitted
import Spec2SwiftRuntime

// Calls each generated client's request builder (no network) and prints what it would send.
let built = Pets.PetsOperations.getAPet(petID: "rex")
print("built: \(built.method) \(try built.url())")
let pet = Pets.Pet(id: "1", name: "Rex")
print("model: \(pet.name)")
print("committed: \(CommittedClientInfo.origin)")
