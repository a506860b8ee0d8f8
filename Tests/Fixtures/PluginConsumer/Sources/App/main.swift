import PetsBuilt
import PetsCommitted
import PetsMainActor

// Calls each generated client's request builder (no network) and prints what it would send. No
// `import Spec2SwiftRuntime`: the generated module re-exports it (`Request`, `APIClient`, `Timestamp`).
let built: Request<Pets.Pet> = Pets.PetsOperations.getAPet(petID: "rex")
print("built: \(built.method) \(try built.url())")
let pet = Pets.Pet(id: "1", name: "Rex")
print("model: \(pet.name)")
let onMain = PetsOnMain.Pets.getAPet(petID: "rex")
print("main actor: \(try onMain.url())")
let client = APIClient(baseURL: nil)
print("client: \(client.timeout)")
print("committed: \(CommittedClientInfo.origin)")
