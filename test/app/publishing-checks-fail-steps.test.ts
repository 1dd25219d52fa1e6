// Each of Zapier's checks of searches, creates and searchOrCreates must be able to fail:
// a small synthetic app, serialized the way Zapier receives it (compileApp, then
// serializeApp), passes every check; a copy broken in one place fails exactly the check
// that place belongs to, with the message Zapier's report would give.
import {
  actionsOf,
  createsOf,
  type Definition,
  d004,
  d005,
  d009,
  d010,
  d012,
  d013,
  d014,
  d015,
  d018,
  d022,
  d023,
  d024,
  placedInputFields,
  searchesOf,
  searchOrCreatesOf,
  serializedDefinition,
} from '../support/checks.ts';

type Perform = () => Promise<unknown>;
interface FieldSpec {
  key: string;
  label?: string;
  required?: boolean;
  type?: string;
  dynamic?: string;
  search?: string;
  primary?: boolean;
}
interface OperationSpec {
  perform: Perform;
  inputFields?: (FieldSpec | Perform)[];
  outputFields?: FieldSpec[];
  sample?: Record<string, unknown>;
}
interface ActionSpec {
  key: string;
  noun: string;
  display: { label: string; description: string; hidden?: boolean };
  operation: OperationSpec;
}
interface AppSpec {
  version: string;
  platformVersion: string;
  triggers: Record<string, ActionSpec>;
  searches: Record<string, ActionSpec>;
  creates: Record<string, ActionSpec>;
  searchOrCreates: Record<string, { key: string; display: { label: string; description: string }; search: string; create: string }>;
}

const list: Perform = async () => [];
const one: Perform = async () => ({});
const USER_SAMPLE = { id: 'user_1', email: 'ada@example.com', createdAt: '2026-10-01T08:00:00Z' };
const USER_OUTPUT: FieldSpec[] = [
  { key: 'id', label: 'User ID', type: 'string' },
  { key: 'email', label: 'Email', type: 'string', required: true },
  { key: 'createdAt', label: 'Created At', type: 'datetime' },
];

/** A correct app in miniature: a users dropdown, Find User, Create User, Update User and Find or Create User. */
const good = (): AppSpec => ({
  version: '1.0.0',
  platformVersion: '19.1.0',
  triggers: {
    user_list: {
      key: 'user_list',
      noun: 'User',
      display: { label: 'Users', description: 'Triggers when the Users dropdown loads.', hidden: true },
      operation: { perform: list },
    },
  },
  searches: {
    find_user: {
      key: 'find_user',
      noun: 'User',
      display: { label: 'Find User', description: 'Finds a reader by email.' },
      operation: {
        perform: list,
        inputFields: [{ key: 'email', label: 'Email', required: true }],
        outputFields: USER_OUTPUT,
        sample: USER_SAMPLE,
      },
    },
  },
  creates: {
    create_user: {
      key: 'create_user',
      noun: 'User',
      display: { label: 'Create User', description: 'Creates a reader.' },
      operation: {
        perform: one,
        inputFields: [{ key: 'email', label: 'Email', required: true }],
        outputFields: USER_OUTPUT,
        sample: USER_SAMPLE,
      },
    },
    update_user: {
      key: 'update_user',
      noun: 'User',
      display: { label: 'Update User', description: 'Updates a reader.' },
      operation: {
        perform: one,
        inputFields: [
          { key: 'userId', label: 'User', required: true, dynamic: 'user_list.id.email', search: 'find_user.id' },
          { key: 'publisherUserId', label: 'Publisher User ID' },
        ],
        sample: USER_SAMPLE,
      },
    },
  },
  searchOrCreates: {
    find_user: {
      key: 'find_user',
      display: { label: 'Find or Create User', description: 'Finds a reader by email, or creates one.' },
      search: 'find_user',
      create: 'create_user',
    },
  },
});

/** Every check of searches, creates and searchOrCreates, over a whole definition. */
const violations = (definition: Definition): string[] => [
  ...placedInputFields(definition).flatMap((field) => [
    ...d004(field),
    ...d005(definition, field),
    ...d013(definition, field),
    ...d014(field),
  ]),
  ...searchesOf(definition).flatMap(d009),
  ...actionsOf(definition).flatMap((action) => [...d010(action), ...d012(action), ...d018(action), ...d023(action), ...d024(action)]),
  ...createsOf(definition).flatMap(d022),
  ...searchOrCreatesOf(definition).flatMap((searchOrCreate) => [...d015(definition, searchOrCreate), ...d018(searchOrCreate)]),
];

/** The violations of the good app broken by `change`. */
const broken = (change: (app: AppSpec) => void): string[] => {
  const app = good();
  change(app);
  return violations(serializedDefinition(app));
};

const findUser = (app: AppSpec): OperationSpec => (app.searches.find_user as ActionSpec).operation;
const createUser = (app: AppSpec): OperationSpec => (app.creates.create_user as ActionSpec).operation;
const updateUser = (app: AppSpec): OperationSpec => (app.creates.update_user as ActionSpec).operation;
const userField = (app: AppSpec): FieldSpec => updateUser(app).inputFields?.[0] as FieldSpec;

describe('the checks of searches, creates and searchOrCreates', () => {
  it('pass the correct synthetic app, so each failure below is the broken part’s', () => {
    expect(violations(serializedDefinition(good()))).toEqual([]);
  });

  it('D004 flags an ID field without a dynamic dropdown, but not an id of the publisher’s own system', () => {
    expect(broken((app) => void delete userField(app).dynamic)).toEqual([
      'D004 ID Fields Should Have Dynamic Dropdowns: creates.update_user.inputFields.userId asks for an ID but has no dynamic dropdown.',
      'D014 Search Connector Needs a Dynamic Dropdown: creates.update_user.inputFields.userId has search “find_user.id” but no dynamic dropdown.',
    ]);
    expect(broken((app) => findUser(app).inputFields?.push({ key: 'accessListId', label: 'Access List' }))).toEqual([
      'D004 ID Fields Should Have Dynamic Dropdowns: searches.find_user.inputFields.accessListId asks for an ID but has no dynamic dropdown.',
    ]);
  });

  it('D005 flags a dropdown on a trigger that does not exist', () => {
    expect(
      broken((app) => {
        userField(app).dynamic = 'users.id.email';
      }),
    ).toEqual([
      'D005 Dynamic Dropdown Connects to a Non-Existing Trigger: creates.update_user.inputFields.userId dynamic “users.id.email” names no trigger “users”.',
    ]);
  });

  it('D009 flags a search with no search field, or only dynamic ones', () => {
    const expected = ['D009 Search Needs a Search Field: searches.find_user has no input field to search by.'];
    expect(
      broken((app) => {
        findUser(app).inputFields = [];
      }),
    ).toEqual(expected);
    expect(
      broken((app) => {
        findUser(app).inputFields = [list];
      }),
    ).toEqual(expected);
    expect(
      broken((app) => {
        findUser(app).inputFields = [{ key: 'intro', type: 'copy' }];
      }),
    ).toEqual(expected);
  });

  it('D010 flags a sample without its id, or without the primary key its output fields name', () => {
    expect(
      broken((app) => {
        createUser(app).sample = { ...USER_SAMPLE, id: null };
      }),
    ).toEqual(['D010 Static Sample Contains Primary Key: creates.create_user sample has no “id”.']);
    const byEmail: FieldSpec[] = [...USER_OUTPUT.slice(1), { key: 'userId', label: 'User ID', primary: true }];
    expect(
      broken((app) => {
        findUser(app).outputFields = byEmail;
      }),
    ).toEqual(['D010 Static Sample Contains Primary Key: searches.find_user sample has no “userId”.']);
  });

  it('D012 flags a visible search or create without a static sample, and exempts a hidden one', () => {
    expect(broken((app) => void delete findUser(app).sample)).toEqual([
      "D013 Search Connector Points to a Non-Existing Search: creates.update_user.inputFields.userId search “find_user.id” reads “id”, which the search's sample lacks.",
      'D010 Static Sample Contains Primary Key: searches.find_user sample has no “id”.',
      'D012 Static Sample Is Required: searches.find_user has no static sample (operation.sample).',
      'D024 Static Sample Respects Output Field Definition: searches.find_user: the required output field email is not in the sample.',
    ]);
    expect(
      broken((app) => {
        const update = app.creates.update_user as ActionSpec;
        update.display.hidden = true;
        delete update.operation.sample;
      }),
    ).toEqual([]);
  });

  it('D013 flags a search connector to a search that does not exist, or to a field its result lacks', () => {
    expect(
      broken((app) => {
        userField(app).search = 'find_member.id';
      }),
    ).toEqual([
      'D013 Search Connector Points to a Non-Existing Search: creates.update_user.inputFields.userId search “find_member.id” names no search “find_member”.',
    ]);
    expect(
      broken((app) => {
        userField(app).search = 'find_user.userId';
      }),
    ).toEqual([
      "D013 Search Connector Points to a Non-Existing Search: creates.update_user.inputFields.userId search “find_user.userId” reads “userId”, which the search's sample lacks.",
    ]);
    expect(
      broken((app) => {
        userField(app).search = 'find_user';
      }),
    ).toEqual([
      "D013 Search Connector Points to a Non-Existing Search: creates.update_user.inputFields.userId search “find_user” names no field of the search's result (use “find_user.id”).",
    ]);
  });

  it('D014 flags a search connector without a dynamic dropdown', () => {
    const message =
      'D014 Search Connector Needs a Dynamic Dropdown: creates.update_user.inputFields.email has search “find_user.id” but no dynamic dropdown.';
    expect(
      broken((app) => {
        updateUser(app).inputFields = [{ key: 'email', label: 'Email', search: 'find_user.id' }];
      }),
    ).toEqual([message]);
  });

  it('D015 flags a searchOrCreate naming a missing search or create, or keyed otherwise than its search', () => {
    const findOrCreate = (app: AppSpec) => app.searchOrCreates.find_user as AppSpec['searchOrCreates'][string];
    expect(
      broken((app) => {
        findOrCreate(app).create = 'create_member';
      }),
    ).toEqual(['D015 Search-or-Create References: searchOrCreates.find_user names no create “create_member”.']);
    expect(
      broken((app) => {
        findOrCreate(app).search = 'find_member';
      }),
    ).toEqual([
      'D015 Search-or-Create References: searchOrCreates.find_user names no search “find_member”.',
      "D015 Search-or-Create References: searchOrCreates.find_user key is not its search's key “find_member”.",
    ]);
  });

  it('D018 flags a search, create or searchOrCreate label that is not Title Case', () => {
    expect(
      broken((app) => {
        (app.searches.find_user as ActionSpec).display.label = 'find user';
        (app.creates.create_user as ActionSpec).display.label = 'Create user';
        (app.searchOrCreates.find_user as AppSpec['searchOrCreates'][string]).display.label = 'Find Or Create User';
      }),
    ).toEqual([
      'D018 Titlecased Label: searches.find_user label “find user” should be “Find User”.',
      'D018 Titlecased Label: creates.create_user label “Create user” should be “Create User”.',
      'D018 Titlecased Label: searchOrCreates.find_user label “Find Or Create User” should be “Find or Create User”.',
    ]);
  });

  it('D022 flags a create whose input fields are all dynamic (or none), and exempts a hidden one', () => {
    const expected = ['D022 Static Input Fields for Zap Templates: creates.create_user has no static input field.'];
    expect(
      broken((app) => {
        createUser(app).inputFields = [list];
      }),
    ).toEqual(expected);
    expect(broken((app) => void delete createUser(app).inputFields)).toEqual(expected);
    expect(
      broken((app) => {
        (app.creates.create_user as ActionSpec).display.hidden = true;
        createUser(app).inputFields = [list];
      }),
    ).toEqual([]);
  });

  it('D023 flags a search’s sample date that is not ISO 8601 with a zone', () => {
    expect(
      broken((app) => {
        findUser(app).sample = { ...USER_SAMPLE, createdAt: '01 Oct 2026 08:00' };
      }),
    ).toEqual([
      'D023 ISO-8601 Date/Time Format in Static Sample: searches.find_user sample createdAt is “01 Oct 2026 08:00”, not ISO 8601 with a zone (like 2023-09-15T09:59:59Z).',
      'D024 Static Sample Respects Output Field Definition: searches.find_user: sample createdAt is string "01 Oct 2026 08:00", but the field type is datetime.',
    ]);
  });

  it('D024 flags a create’s sample that misses a required output field or mistypes one', () => {
    expect(
      broken((app) => {
        createUser(app).sample = { id: 7 };
      }),
    ).toEqual([
      'D024 Static Sample Respects Output Field Definition: creates.create_user: sample id is number 7, but the field type is string.',
      'D024 Static Sample Respects Output Field Definition: creates.create_user: the required output field email is not in the sample.',
    ]);
  });
});
