import { useId, useState, type SyntheticEvent } from 'react';
import { useClient } from 'urql';
import { ACCESSIBILITY_FEATURES, CULTURAL_ATTRIBUTES, NEEDS } from '@spn/vocabularies';
import { FieldProblems, FormProblems, problemsOf, type Problem } from '../../forms/api-errors';
import { useMessages } from '../../i18n';
import { today } from '../../dates';
import { graphql } from '../../gql';
import { CheckboxGroup, ChoiceField, FormField, InputField, useForm } from './form-kit';
import { RADII_KM } from './vocabularies';

const MatchResources = graphql(`
  query MatchResources($input: MatchResourcesInput!) {
    matchResources(input: $input, first: 20) {
      items {
        serviceId
        serviceName
        organizationId
        organizationName
        locationId
        locationName
        distanceKm
      }
    }
  }
`);

interface Match {
  readonly serviceId: string;
  readonly serviceName: string;
  readonly organizationName: string;
  readonly locationId?: string | null;
  readonly locationName?: string | null;
  readonly distanceKm?: number | null;
}

/** A result's key and radio value: with a point, a service may match at several of its locations. */
const matchKey = (match: Match): string => `${match.serviceId}/${match.locationId ?? ''}`;

/** The device's position (the browser asks the user first); the reason in words when there is none. */
const currentPosition = (): Promise<{ latitude: number; longitude: number }> =>
  new Promise((resolve, reject) => {
    if (!('geolocation' in navigator)) {
      reject(new Error('geolocation'));
      return;
    }
    navigator.geolocation.getCurrentPosition(
      (position) => {
        resolve({ latitude: position.coords.latitude, longitude: position.coords.longitude });
      },
      (error) => {
        reject(new Error(error.message));
      },
      { timeout: 15_000, maximumAge: 300_000 },
    );
  });

export function PrescribeForm({
  clientNeeds,
  language,
  partners,
  onSave,
}: {
  readonly clientNeeds: readonly string[];
  readonly language: string | undefined;
  readonly partners: readonly { readonly alias: string; readonly name: string; readonly partnerId: string }[];
  readonly onSave: (input: {
    need: string;
    resourceName: string;
    serviceId: string;
    partnerOrganizationId: string | null;
    followUpOn: string;
  }) => Promise<readonly Problem[]>;
}) {
  const { t, language: languageName, intl } = useMessages();
  const id = useId();
  const urql = useClient();
  const [need, setNeed] = useState(clientNeeds[0] ?? 'food');
  const [inLanguage, setInLanguage] = useState(false);
  const [accessibility, setAccessibility] = useState<readonly string[]>([]);
  const [cultural, setCultural] = useState<readonly string[]>([]);
  const [nearMe, setNearMe] = useState(false);
  const [radiusKm, setRadiusKm] = useState<number>(25);
  const [locating, setLocating] = useState<'no' | 'yes' | { readonly failed: string }>('no');
  const [matches, setMatches] = useState<readonly Match[] | undefined>();
  const [searchProblems, setSearchProblems] = useState<readonly Problem[]>([]);
  const [chosen, setChosen] = useState<Match | undefined>();
  const [partner, setPartner] = useState('');
  const [followUpOn, setFollowUpOn] = useState(() => today(14));
  const search = async (event: SyntheticEvent) => {
    event.preventDefault();
    let near: { latitude: number; longitude: number; radiusKm: number } | undefined;
    if (nearMe) {
      setLocating('yes');
      try {
        near = { ...(await currentPosition()), radiusKm };
        setLocating('no');
      } catch (error) {
        setLocating({ failed: error instanceof Error ? error.message : String(error) });
        return;
      }
    }
    const answer = await urql
      .query(
        MatchResources,
        {
          input: {
            need,
            ...(inLanguage && language ? { languages: [language] } : {}),
            ...(accessibility.length > 0 ? { accessibility: [...accessibility] } : {}),
            ...(cultural.length > 0 ? { cultural: [...cultural] } : {}),
            ...(near ? { near } : {}),
          },
        },
        { requestPolicy: 'network-only' },
      )
      .toPromise();
    setSearchProblems(problemsOf(answer.error));
    setMatches(answer.data?.matchResources.items ?? []);
    setChosen(undefined);
  };
  const choose = (match: Match) => {
    setChosen(match);
    // The directory's organization, when it is a registered partner: the referral goes to it.
    const registered = partners.find(
      (known) => known.name.toLowerCase() === match.organizationName.toLowerCase(),
    );
    setPartner(registered?.alias ?? '');
  };
  const { problems, busy, submit } = useForm(
    () =>
      chosen
        ? onSave({
            need,
            resourceName: chosen.serviceName,
            serviceId: chosen.serviceId,
            partnerOrganizationId: partner || null,
            followUpOn,
          })
        : Promise.resolve([{ code: 'REQUIRED', field: 'serviceId' }]),
    () => {
      setMatches(undefined);
      setChosen(undefined);
    },
  );
  return (
    <div className="plan-form">
      <form onSubmit={(event) => void search(event)} noValidate>
        <fieldset>
          <legend>{t('plan.searchDirectory')}</legend>
          <div className="form-row">
            <ChoiceField
              id={`${id}-need`}
              label={t('plan.forNeed')}
              field="need"
              problems={searchProblems}
              codes={NEEDS}
              vocabulary="need"
              value={need}
              onChange={setNeed}
            />
          </div>
          {language && (
            <div className="choice">
              <input
                type="checkbox"
                id={`${id}-language`}
                checked={inLanguage}
                onChange={(event) => {
                  setInLanguage(event.target.checked);
                }}
              />
              <label htmlFor={`${id}-language`}>
                {t('plan.inLanguage', { language: languageName(language) })}
              </label>
            </div>
          )}
          <CheckboxGroup
            legend={t('plan.accessibility')}
            prefix="access"
            codes={ACCESSIBILITY_FEATURES}
            chosen={accessibility}
            onChange={setAccessibility}
          />
          <CheckboxGroup
            legend={t('plan.cultural')}
            prefix="cultural"
            codes={CULTURAL_ATTRIBUTES}
            chosen={cultural}
            onChange={setCultural}
          />
          <div className="form-row">
            <div className="choice">
              <input
                type="checkbox"
                id={`${id}-near`}
                checked={nearMe}
                aria-describedby={`${id}-near-hint`}
                onChange={(event) => {
                  setNearMe(event.target.checked);
                }}
              />
              <label htmlFor={`${id}-near`}>{t('plan.nearMe')}</label>
            </div>
            <FormField id={`${id}-radius`} label={t('plan.radius')} field="near" problems={searchProblems}>
              {(props) => (
                <select
                  {...props}
                  value={radiusKm}
                  disabled={!nearMe}
                  onChange={(event) => {
                    setRadiusKm(Number(event.target.value));
                  }}
                >
                  {RADII_KM.map((km) => (
                    <option key={km} value={km}>
                      {intl.formatNumber(km, { style: 'unit', unit: 'kilometer' })}
                    </option>
                  ))}
                </select>
              )}
            </FormField>
          </div>
          <p id={`${id}-near-hint`} className="hint">
            {t('plan.nearMeHint')}
          </p>
          {locating === 'yes' && <p role="status">{t('plan.locating')}</p>}
          {typeof locating === 'object' && (
            <p role="alert">{t('plan.noLocation', { message: locating.failed })}</p>
          )}
          <FormProblems problems={searchProblems} fields={['need', 'near']} />
          <button type="submit">{t('plan.search')}</button>
        </fieldset>
      </form>
      {matches && (
        <form onSubmit={submit} noValidate>
          <fieldset>
            <legend>{t('plan.results', { count: matches.length })}</legend>
            {matches.map((match, index) => (
              <div className="choice" key={matchKey(match)}>
                <input
                  type="radio"
                  id={`${id}-match-${index}`}
                  name={`${id}-match`}
                  checked={chosen !== undefined && matchKey(chosen) === matchKey(match)}
                  onChange={() => {
                    choose(match);
                  }}
                />
                <label htmlFor={`${id}-match-${index}`}>
                  {match.distanceKm !== null && match.distanceKm !== undefined
                    ? t('plan.matchNear', {
                        service: match.serviceName,
                        organization: match.organizationName,
                        location: match.locationName ?? match.organizationName,
                        distance: intl.formatNumber(match.distanceKm, {
                          style: 'unit',
                          unit: 'kilometer',
                          maximumFractionDigits: 1,
                        }),
                      })
                    : t('plan.match', { service: match.serviceName, organization: match.organizationName })}
                </label>
              </div>
            ))}
            <FieldProblems id={`${id}-service-error`} problems={problems} field="serviceId" />
          </fieldset>
          {chosen && (
            <div className="form-row">
              <FormField
                id={`${id}-partner`}
                label={t('plan.referTo')}
                hint={t('plan.referToHint')}
                field="partnerOrganizationId"
                problems={problems}
              >
                {(props) => (
                  <select
                    {...props}
                    value={partner}
                    onChange={(event) => {
                      setPartner(event.target.value);
                    }}
                  >
                    <option value="">{t('plan.noPartner')}</option>
                    {partners.map((known) => (
                      <option key={known.partnerId} value={known.alias}>
                        {known.name}
                      </option>
                    ))}
                  </select>
                )}
              </FormField>
              <InputField
                id={`${id}-followUpOn`}
                label={t('plan.followUpDate')}
                field="followUpOn"
                problems={problems}
                type="date"
                value={followUpOn}
                onChange={setFollowUpOn}
              />
            </div>
          )}
          <FormProblems problems={problems} fields={['serviceId', 'partnerOrganizationId', 'followUpOn']} />
          <button type="submit" className="primary" disabled={busy}>
            {t('plan.prescribe')}
          </button>
        </form>
      )}
    </div>
  );
}
