/**
 * The operation decorators' type check (`ResolverDecorator`): the `@ts-expect-error` lines below are
 * what `tsc` (the typecheck target) must refuse; were the check lost, each would be an unused
 * directive, itself an error. Jest runs the file too, so the decorators apply without throwing.
 */
import { Field, ObjectType, Resolver } from '@nestjs/graphql';
import { AllowedMutation, AllowedQuery } from './graphql-auth.guard';

enum Colour {
  red = 'red',
  blue = 'blue',
}

@ObjectType()
class Thing {
  @Field() name!: string;
  @Field(() => [String]) tags!: string[];
  @Field(() => String) colour!: Colour;
}

interface ThingView {
  readonly name: string;
  readonly tags: readonly string[];
  readonly colour: 'red' | 'blue';
}

const view: ThingView = { name: 'a', tags: ['b'], colour: 'red' };

@Resolver(() => Thing)
class Things {
  @AllowedQuery(() => Thing, ['link-worker'])
  thing(): Promise<ThingView | null> {
    return Promise.resolve(view);
  }

  @AllowedQuery(() => [Thing], ['link-worker'])
  things(): readonly ThingView[] {
    return [view];
  }

  @AllowedQuery(() => Boolean, ['link-worker'])
  ready(): boolean {
    return true;
  }

  // @ts-expect-error a view without a field the type declares
  @AllowedQuery(() => Thing, ['link-worker'])
  renamed(): { readonly nom: string; readonly tags: readonly string[]; readonly colour: 'red' } {
    return { nom: 'a', tags: [], colour: 'red' };
  }

  // @ts-expect-error an enum's field answered with any text
  @AllowedQuery(() => Thing, ['link-worker'])
  looseEnum(): { readonly name: string; readonly tags: readonly string[]; readonly colour: string } {
    return { name: 'a', tags: [], colour: 'green' };
  }

  // @ts-expect-error a list where the type is one object
  @AllowedMutation(() => Thing, ['link-worker'])
  list(): readonly ThingView[] {
    return [view];
  }

  // @ts-expect-error a number where the type is a String
  @AllowedQuery(() => String, ['link-worker'])
  count(): number {
    return 1;
  }
}

describe('the operation decorators', () => {
  it('apply to resolvers whose answers match their GraphQL types', () => {
    const things = new Things();
    expect(things.ready()).toBe(true);
    expect(things.things()).toEqual([view]);
  });
});
