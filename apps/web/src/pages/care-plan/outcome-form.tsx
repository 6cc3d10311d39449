import { useId, useState } from 'react';
import {
  ANSWER_SCALES,
  MYCAW_MAX_CONCERNS,
  ONS4_ITEMS,
  SWEMWBS_ITEMS,
  swemwbsItemName,
  UCLA3_ITEMS,
  type AnswerScale,
  type Ons4Item,
  type Ucla3Item,
} from '@spn/vocabularies';
import { FormProblems, type Problem } from '../../forms/api-errors';
import { useMessages } from '../../i18n';
import { FormField, useForm } from './form-kit';

type Measure = 'UCLA3' | 'ONS4' | 'SWEMWBS' | 'MYCAW';
const MEASURES: readonly Measure[] = ['UCLA3', 'ONS4', 'SWEMWBS', 'MYCAW'];

/** SWEMWBS items by position, named as the service names them in a result's scores. */
const SWEMWBS_FIELDS = SWEMWBS_ITEMS.map((_, index) => swemwbsItemName(index));
/** MYCaW's concerns, numbered from 1. */
const MYCAW_CONCERNS = Array.from({ length: MYCAW_MAX_CONCERNS }, (_, index) => index + 1);
/** Every whole number of a scale, lowest first. */
const pointsOf = (scale: AnswerScale): number[] =>
  Array.from({ length: scale.max - scale.min + 1 }, (_, index) => scale.min + index);

interface Concern {
  readonly id: string;
  readonly description: string;
}

/** The items a measure asks, each a choice from a scale; MYCaW's concerns are asked besides. */
function itemsOf(measure: Measure, concerns: number): readonly string[] {
  switch (measure) {
    case 'UCLA3':
      return UCLA3_ITEMS;
    case 'ONS4':
      return ONS4_ITEMS;
    case 'SWEMWBS':
      return SWEMWBS_FIELDS;
    case 'MYCAW':
      return [...MYCAW_CONCERNS.slice(0, concerns).map((number) => `concern${number}Score`), 'wellbeing'];
  }
}

export function OutcomeForm({
  hasBaseline,
  baselineConcerns,
  onSave,
}: {
  readonly hasBaseline: (measure: Measure) => boolean;
  /** The concerns of the latest MYCaW baseline, which a follow-up re-rates unchanged. */
  readonly baselineConcerns: readonly Concern[] | undefined;
  readonly onSave: (input: {
    measure: Measure;
    timepoint: 'baseline' | 'followUp';
    ucla3?: Record<Ucla3Item, number>;
    ons4?: Record<Ons4Item, number>;
    swemwbs?: number[];
    mycaw?: { concerns: { id: string; description: string; score: number }[]; wellbeing: number };
  }) => Promise<readonly Problem[]>;
}) {
  const { t, label, intl } = useMessages();
  const id = useId();
  const [measure, setMeasure] = useState<Measure>('UCLA3');
  const [answers, setAnswers] = useState<Readonly<Record<string, number>>>({});
  const [concernWords, setConcernWords] = useState<Readonly<Record<number, string>>>({});
  const timepoint = hasBaseline(measure) ? 'followUp' : 'baseline';
  const carried = measure === 'MYCAW' && timepoint === 'followUp' ? (baselineConcerns ?? []) : undefined;
  // At baseline, the second concern is asked only once its words are given.
  const concernCount = carried
    ? carried.length
    : MYCAW_CONCERNS.filter((number) => number === 1 || (concernWords[number] ?? '').trim() !== '').length;
  const items = itemsOf(measure, concernCount);
  const { problems, busy, submit } = useForm(
    () => {
      if (measure === 'MYCAW' && !carried && (concernWords[1] ?? '').trim() === '')
        return Promise.resolve([{ code: 'REQUIRED', field: 'concern1' }]);
      const missing = items.find((item) => answers[item] === undefined);
      if (missing) return Promise.resolve([{ code: 'REQUIRED', field: missing }]);
      const answer = (item: string) => answers[item] ?? 0;
      const given = Object.fromEntries(items.map((item) => [item, answer(item)]));
      switch (measure) {
        case 'UCLA3':
          return onSave({ measure, timepoint, ucla3: given as Record<Ucla3Item, number> });
        case 'ONS4':
          return onSave({ measure, timepoint, ons4: given as Record<Ons4Item, number> });
        case 'SWEMWBS':
          return onSave({ measure, timepoint, swemwbs: SWEMWBS_FIELDS.map(answer) });
        case 'MYCAW': {
          const concerns: readonly Concern[] =
            carried ??
            MYCAW_CONCERNS.slice(0, concernCount).map((number) => ({
              id: crypto.randomUUID(),
              description: (concernWords[number] ?? '').trim(),
            }));
          return onSave({
            measure,
            timepoint,
            mycaw: {
              concerns: concerns.map((concern, index) => ({
                ...concern,
                score: answer(`concern${String(index + 1)}Score`),
              })),
              wellbeing: answer('wellbeing'),
            },
          });
        }
      }
    },
    () => {
      setAnswers({});
      setConcernWords({});
    },
  );
  // The service names an item as `ucla3.leftOut` or `mycaw.wellbeing`: the form shows it beside the item.
  const itemProblems = problems.map((problem) => ({
    ...problem,
    field: problem.field?.replace(/^(ucla3|ons4|mycaw)\./, ''),
  }));
  const scale = ((): readonly { value: number; text: string }[] => {
    switch (measure) {
      case 'UCLA3':
        return pointsOf(ANSWER_SCALES.UCLA3).map((value) => ({ value, text: label('ucla3', String(value)) }));
      case 'ONS4':
        return pointsOf(ANSWER_SCALES.ONS4).map((value) => ({ value, text: intl.formatNumber(value) }));
      case 'SWEMWBS':
        return pointsOf(ANSWER_SCALES.SWEMWBS).map((value) => ({
          value,
          text: label('swemwbs', String(value)),
        }));
      case 'MYCAW':
        return pointsOf(ANSWER_SCALES.MYCAW).map((value) => ({ value, text: intl.formatNumber(value) }));
    }
  })();
  const itemLabel = (item: string): string => {
    const concern = /^concern(\d)Score$/.exec(item);
    if (concern) return t('plan.concernScore', { number: Number(concern[1]) });
    return item === 'wellbeing' ? t('plan.wellbeing') : label('item', item);
  };
  const itemHint = (item: string): string | undefined => {
    if (measure === 'SWEMWBS') return undefined;
    if (item === 'wellbeing') return t('plan.wellbeingScale');
    return item.startsWith('concern') ? t('plan.mycawScale') : undefined;
  };
  const itemField = (item: string) => (
    <FormField
      key={`${measure}-${item}`}
      id={`${id}-${item}`}
      label={itemLabel(item)}
      field={item}
      problems={itemProblems}
      hint={itemHint(item)}
    >
      {(props) => (
        <select
          {...props}
          value={answers[item] ?? ''}
          onChange={(event) => {
            const value = event.target.value;
            setAnswers((known) => ({ ...known, [item]: Number(value) }));
          }}
        >
          <option value="">{t('form.choose')}</option>
          {scale.map(({ value, text }) => (
            <option key={value} value={value}>
              {text}
            </option>
          ))}
        </select>
      )}
    </FormField>
  );
  return (
    <form onSubmit={submit} noValidate className="plan-form">
      <fieldset>
        <legend>{t('plan.recordOutcome', { timepoint: label('timepoint', timepoint) })}</legend>
        <FormField id={`${id}-measure`} label={t('plan.measure')} field="measure" problems={[]}>
          {(props) => (
            <select
              {...props}
              value={measure}
              onChange={(event) => {
                setMeasure(event.target.value as Measure);
                setAnswers({});
                setConcernWords({});
              }}
            >
              {MEASURES.map((value) => (
                <option key={value} value={value}>
                  {t(`measure.${value}`)}
                </option>
              ))}
            </select>
          )}
        </FormField>
        {measure === 'SWEMWBS' && <p className="hint">{t('plan.swemwbsHint')}</p>}
        {measure === 'MYCAW'
          ? [
              ...MYCAW_CONCERNS.map((number) => {
                const field = `concern${String(number)}`;
                const kept = carried?.[number - 1];
                if (carried && !kept) return null;
                return (
                  <fieldset key={field} className="concern">
                    <legend>
                      {t(
                        carried
                          ? 'plan.concernCarried'
                          : number === 1
                            ? 'plan.concern'
                            : 'plan.concernOptional',
                        { number },
                      )}
                    </legend>
                    {kept ? (
                      <p id={`${id}-${field}`}>{kept.description}</p>
                    ) : (
                      <FormField
                        id={`${id}-${field}`}
                        label={t('plan.concernWords')}
                        field={field}
                        problems={itemProblems}
                      >
                        {(props) => (
                          <input
                            {...props}
                            type="text"
                            value={concernWords[number] ?? ''}
                            onChange={(event) => {
                              const words = event.target.value;
                              setConcernWords((known) => ({ ...known, [number]: words }));
                            }}
                          />
                        )}
                      </FormField>
                    )}
                    {number <= concernCount && itemField(`${field}Score`)}
                  </fieldset>
                );
              }),
              itemField('wellbeing'),
            ]
          : items.map(itemField)}
        <FormProblems
          problems={itemProblems}
          fields={[...items, ...MYCAW_CONCERNS.map((number) => `concern${String(number)}`)]}
        />
        <button type="submit" className="primary" disabled={busy}>
          {t('plan.saveOutcome')}
        </button>
      </fieldset>
    </form>
  );
}
